/* EdgeRouter X, hardened: management on the LAN only, WAN dropped by default */
firewall {
    all-ping enable
    broadcast-ping disable
    group {
        network-group LAN_NETS {
            network 192.168.1.0/24
        }
    }
    ipv6-name WANv6_IN {
        default-action drop
        rule 10 {
            action accept
            state {
                established enable
                related enable
            }
        }
    }
    ipv6-name WANv6_LOCAL {
        default-action drop
        rule 10 {
            action accept
            state {
                established enable
                related enable
            }
        }
        rule 20 {
            action accept
            description "DHCPv6 replies"
            destination {
                port 546
            }
            protocol udp
            source {
                port 547
            }
        }
    }
    ipv6-receive-redirects disable
    ipv6-src-route disable
    ip-src-route disable
    log-martians enable
    name GUEST_IN {
        default-action accept
        description "Guests may reach the Internet, not the LAN"
        rule 10 {
            action drop
            destination {
                group {
                    network-group LAN_NETS
                }
            }
        }
    }
    name GUEST_LOCAL {
        default-action drop
        rule 10 {
            action accept
            description DNS
            destination {
                port 53
            }
            protocol udp
        }
        rule 20 {
            action accept
            description DHCP
            destination {
                port 67
            }
            protocol udp
        }
    }
    name WAN_IN {
        default-action drop
        rule 10 {
            action accept
            state {
                established enable
                related enable
            }
        }
        rule 20 {
            action drop
            state {
                invalid enable
            }
        }
    }
    name WAN_LOCAL {
        default-action drop
        rule 10 {
            action accept
            state {
                established enable
                related enable
            }
        }
        rule 20 {
            action drop
            state {
                invalid enable
            }
        }
    }
    receive-redirects disable
    send-redirects disable
    source-validation strict
    syn-cookies enable
}
interfaces {
    ethernet eth0 {
        address dhcp
        description Internet
        dhcpv6-pd {
            pd 0 {
                interface switch0 {
                    service slaac
                }
                prefix-length /56
            }
        }
        firewall {
            in {
                ipv6-name WANv6_IN
                name WAN_IN
            }
            local {
                ipv6-name WANv6_LOCAL
                name WAN_LOCAL
            }
        }
    }
    ethernet eth1 {
    }
    ethernet eth2 {
    }
    loopback lo {
    }
    switch switch0 {
        address 192.168.1.1/24
        description Local
        switch-port {
            interface eth1 {
            }
            interface eth2 {
            }
            vlan-aware enable
        }
        vif 30 {
            address 192.168.30.1/24
            description Guest
            firewall {
                in {
                    name GUEST_IN
                }
                local {
                    name GUEST_LOCAL
                }
            }
        }
    }
}
service {
    dhcp-server {
        disabled false
        shared-network-name LAN {
            subnet 192.168.1.0/24 {
                default-router 192.168.1.1
                dns-server 192.168.1.1
                start 192.168.1.100 {
                    stop 192.168.1.199
                }
            }
        }
    }
    dns {
        forwarding {
            cache-size 150
            listen-on switch0
            listen-on switch0.30
        }
    }
    gui {
        https-port 443
        listen-address 192.168.1.1
        older-ciphers disable
    }
    nat {
        rule 5010 {
            description "masquerade for WAN"
            outbound-interface eth0
            type masquerade
        }
    }
    snmp {
        community Wq7rT2mXk9 {
            authorization ro
            client 192.168.1.10
        }
        listen-address 192.168.1.1 {
        }
    }
    ssh {
        disable-password-authentication
        listen-address 192.168.1.1
        port 22
        protocol-version v2
    }
    ubnt-discover {
        disable
    }
}
system {
    host-name office-gw
    login {
        user netadmin {
            authentication {
                encrypted-password $6$Hx3kP9wQz2LmN7vB$BfBiWTEKQiG4DCbCm1nkSQbUNOATwgs5yXHMjbChXpEgwsAhd7dmiy3rmLOxCsNwNMQZ0JEXyAoOO4jsi74BP/
                plaintext-password ""
                public-keys netadmin@laptop {
                    key AAAAC3NzaC1lZDI1NTE5AAAAIHt1n8Cp2Q1o9n8yJ4mVbq0rK5sZ3aW7eX2cD6fG9hJk
                    type ssh-ed25519
                }
            }
            level admin
        }
    }
    ntp {
        server 0.ubnt.pool.ntp.org {
        }
    }
    syslog {
        host 192.168.1.10 {
            facility all {
                level notice
            }
        }
    }
    time-zone UTC
}


/* Warning: Do not remove the following line. */
/* === vyatta-config-version: "config-management@1:conntrack@1:cron@1:dhcp-relay@1:dhcp-server@4:firewall@5:ipsec@5:nat@3:qos@1:quagga@2:suspend@1:system@4:ubnt-pptp@1:ubnt-udapi-server@1:ubnt-unms@1:ubnt-util@1:vrrp@1:vyatta-netflow@1:webgui@1:webproxy@1:zone-policy@1" === */
/* Release version: v2.0.9-hotfix.7.5622731.230615.0857 */
