#!/usr/bin/env python3
"""A fake router CLI for the SSH collection tests, run by sshd/dropbear as the forced command.

It plays a Cisco IOS user session on the PTY: banner, `R1>` prompt, `enable` with a password,
`show running-config` / `show version` from a fixture file, paged with ` --More-- ` every 23
lines and erased with backspaces as IOS does. Terminal echo is turned off and input is echoed by
the script itself (as IOS does), so a space answering the pager never races with the output.

Fault modes (--mode): normal, hang (stops answering in the middle of the configuration), flood
(endless output), escapes (terminal escape sequences in the banner and the configuration).
Without a PTY (an exec channel) it prints the fixture for `SSH_ORIGINAL_COMMAND` and exits.
"""
import argparse
import os
import sys
import termios
import time

parser = argparse.ArgumentParser()
parser.add_argument('--fixture', required=True)
parser.add_argument('--hostname', default='R1')
parser.add_argument('--enable-secret-file')
parser.add_argument('--mode', default='normal', choices=['normal', 'hang', 'flood', 'escapes'])
args = parser.parse_args()

config = open(args.fixture).read().splitlines()
secret = open(args.enable_secret_file).read().strip() if args.enable_secret_file else None
version = ['Cisco IOS Software, C880 Software (C880DATA-UNIVERSALK9-M), Version 15.3(3)M5, RELEASE SOFTWARE (fc1)',
           'ROM: System Bootstrap, Version 15.0(1r)M13', '%s uptime is 4 weeks, 2 days' % args.hostname,
           'cisco C887VA-K9 (MPC8300) processor']
ESC = '\x1b'
if args.mode == 'escapes':
    config = [l.replace('hostname ', 'hostname %s[1m' % ESC) + ('%s[0m' % ESC if l.startswith('hostname') else '') for l in config]
    config.insert(3, '%s]0;pwned-title\x07%s[2J%s[31m! red comment%s[0m' % (ESC, ESC, ESC, ESC))

out = sys.stdout.buffer


def write(text):
    out.write(text.encode())
    out.flush()


if not os.isatty(0):
    command = os.environ.get('SSH_ORIGINAL_COMMAND', '')
    write('\n'.join(config if 'run' in command else version) + '\n')
    sys.exit(0)

fd = 0
saved = termios.tcgetattr(fd)
mode = termios.tcgetattr(fd)
mode[3] &= ~(termios.ECHO | termios.ICANON)  # no kernel echo, byte at a time
mode[6][termios.VMIN] = 1
mode[6][termios.VTIME] = 0
termios.tcsetattr(fd, termios.TCSANOW, mode)


def read_char():
    data = os.read(fd, 1)
    if not data:
        raise SystemExit(0)
    return data.decode(errors='replace')


def read_line(echo=True):
    line = ''
    while True:
        c = read_char()
        if c in '\r\n':
            write('\r\n')
            return line
        if c in '\x7f\x08':
            if line:
                line = line[:-1]
                if echo:
                    write('\b \b')
            continue
        if c == '\x03':
            write('^C\r\n')
            return ''
        line += c
        if echo:
            write(c)


length = 23


def paged(lines):
    shown = 0
    for line in lines:
        if length and shown == length:
            write(' --More-- ')
            c = read_char()
            write('\b' * 9 + ' ' * 9 + '\b' * 9)
            if c in 'qQ':
                return
            shown = 0 if c == ' ' else length - 1
        write(line + '\r\n')
        shown += 1


def flood():
    n = 0
    while True:
        write('interface Loopback%d\r\n description flood %s\r\n' % (n, 'x' * 60))
        n += 1


banner = ['', 'Authorised access only. This device is monitored.', '']
if args.mode == 'escapes':
    banner[1] = '%s[5m%s[41mAuthorised access only.%s[0m%s]2;title\x07' % (ESC, ESC, ESC, ESC)
write('\r\n'.join(banner) + '\r\n')
privileged = False
try:
    while True:
        write('%s%s' % (args.hostname, '#' if privileged else '>'))
        command = read_line().strip()
        if not command:
            continue
        words = command.split()
        if words[0] in ('exit', 'logout', 'quit'):
            break
        if words[0] in ('en', 'enable'):
            if secret is None:
                privileged = True
                continue
            write('Password: ')
            typed = read_line(echo=False)
            if typed == secret:
                privileged = True
            else:
                write('% Access denied\r\n\r\n')
            continue
        if words[:2] == ['terminal', 'length'] and len(words) == 3:
            length = int(words[2])
            continue
        if words[0] == 'show' and len(words) > 1 and 'running-config'.startswith(words[1]) and len(words[1]) >= 3:
            if not privileged:
                write("% Invalid input detected at '^' marker.\r\n\r\n")
                continue
            if args.mode == 'flood':
                flood()
            if args.mode == 'hang':
                paged(config[:15])
                time.sleep(3600)
            write('Building configuration...\r\n\r\nCurrent configuration : %d bytes\r\n' % sum(len(l) + 1 for l in config))
            paged(config)
            continue
        if words[0] == 'show' and len(words) > 1 and 'version'.startswith(words[1]):
            paged(version)
            continue
        write("% Invalid input detected at '^' marker.\r\n\r\n")
finally:
    termios.tcsetattr(fd, termios.TCSANOW, saved)
