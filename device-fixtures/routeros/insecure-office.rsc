# jun/14/2023 09:12:44 by RouterOS 6.48.6
# software id = 7KQX-2M4T
#
# model = RB2011UiAS-2HnD
# serial number = B88E0A1F3C21
/interface bridge
add admin-mac=C4:AD:34:11:22:33 auto-mac=no name=bridge-local
/interface ethernet
set [ find default-name=ether1 ] name=ether1-gateway
/interface pppoe-client
add add-default-route=yes disabled=no interface=ether1-gateway name=pppoe-out1 \
    password=Telekom2019 use-peer-dns=yes user=office.4711@isp.example
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
add authentication-types=wpa2-psk mode=dynamic-keys name=office \
    supplicant-identity="" wpa2-pre-shared-key=office1234
/interface wireless
set [ find default-name=wlan1 ] band=2ghz-b/g/n disabled=no mode=ap-bridge \
    security-profile=office ssid=Office-WLAN
/ip pool
add name=dhcp-pool ranges=192.168.88.100-192.168.88.200
/ip dhcp-server
add address-pool=dhcp-pool disabled=no interface=bridge-local name=dhcp-lan
/interface bridge port
add bridge=bridge-local interface=ether2
add bridge=bridge-local interface=ether3
add bridge=bridge-local interface=wlan1
/ip address
add address=192.168.88.1/24 interface=bridge-local network=192.168.88.0
/ip dhcp-server network
add address=192.168.88.0/24 dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,9.9.9.9
/ip firewall filter
add action=accept chain=input comment="remote support" dst-port=8291 \
    in-interface=pppoe-out1 protocol=tcp
add action=accept chain=input connection-state=established,related
add action=accept chain=input protocol=icmp
add action=drop chain=input comment="block telnet from outside" dst-port=23 \
    in-interface=pppoe-out1 protocol=tcp
add action=accept chain=forward
add action=drop chain=forward connection-state=invalid
/ip firewall nat
add action=masquerade chain=srcnat out-interface=pppoe-out1
add action=dst-nat chain=dstnat comment="RDP to accounting PC" dst-port=3389 \
    in-interface=pppoe-out1 protocol=tcp to-addresses=192.168.88.20 \
    to-ports=3389
add action=dst-nat chain=dstnat comment=camera dst-port=8080 in-interface=\
    pppoe-out1 protocol=tcp to-addresses=192.168.88.30 to-ports=80
/ip socks
set enabled=yes
/ip upnp
set enabled=yes
/ip upnp interfaces
add interface=pppoe-out1 type=external
add interface=bridge-local type=internal
/ppp secret
add name=homeoffice password=homeoffice service=l2tp
/snmp community
set [ find default=yes ] addresses=0.0.0.0/0
add addresses=0.0.0.0/0 name=private write-access=yes
/snmp
set enabled=yes
/system clock
set time-zone-name=Europe/Berlin
/system identity
set name=office-gw
/user
add group=full name=support password=support
