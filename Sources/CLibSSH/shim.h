#ifndef CLIBSSH_SHIM_H
#define CLIBSSH_SHIM_H
// libssh through pkg-config. No `link` line here: the link flags come from libssh.pc alone, so a
// static build can swap the .pc file.
#include <stdbool.h>
#include <libssh/libssh.h>
#include <libssh/callbacks.h>

// ssh_options_set takes `const void *` whose pointee width depends on the option (unsigned int
// for the port, long for timeouts, int for flags, bool for config processing). A wrong width
// compiles and reads garbage, so Swift only ever calls these typed setters.
static inline int clibssh_set_string(ssh_session session, enum ssh_options_e option, const char *value) {
    return ssh_options_set(session, option, value);
}
static inline int clibssh_set_uint(ssh_session session, enum ssh_options_e option, unsigned int value) {
    return ssh_options_set(session, option, &value);
}
static inline int clibssh_set_long(ssh_session session, enum ssh_options_e option, long value) {
    return ssh_options_set(session, option, &value);
}
static inline int clibssh_set_int(ssh_session session, enum ssh_options_e option, int value) {
    return ssh_options_set(session, option, &value);
}
static inline int clibssh_set_bool(ssh_session session, enum ssh_options_e option, bool value) {
    return ssh_options_set(session, option, &value);
}
#endif
