/// Which elements of `config.xml` the pfSense/OPNsense parser knows, for coverage. An element is
/// understood when its path is listed here: either the model is built from it, or it belongs to a
/// section read whole on purpose (DHCP, DNS, VPN, certificates, schedules, package metadata: no
/// setting the model or the checks use; the secrets some hold are picked out by name). In the
/// sections the model is built from (users, management, interfaces, rules, aliases, NAT, SNMP),
/// only the elements listed are understood, so an unknown option there is reported.
///
/// Paths are written below the root element. A segment may be `{a,b,c}` (any of these names),
/// `*` (any name: interface keys) or `**` as the last segment (the whole subtree).
struct PfSenseVocabulary: Sendable {
    struct Node: Sendable {
        var children: [String: Int32] = [:]
        var wildcard: Int32 = -1
        /// Every descendant is understood.
        var wholeSubtree = false
    }

    private(set) var nodes: [Node] = [Node()]

    static let shared = PfSenseVocabulary(entries: entries)

    /// The node for a child named `name` of `node`, or -1 when that element is not understood.
    @inline(__always)
    func child(of node: Int32, named name: String) -> Int32 {
        guard node >= 0 else { return -1 }
        let current = nodes[Int(node)]
        if current.wholeSubtree { return node }
        if let exact = current.children[name] { return exact }
        return current.wildcard
    }

    init(entries: [String]) {
        for entry in entries { add(entry) }
    }

    private mutating func add(_ entry: String) {
        var frontier: [Int32] = [0]
        for segment in entry.split(separator: "/") {
            if segment == "**" {
                for node in frontier { nodes[Int(node)].wholeSubtree = true }
                return
            }
            var next: [Int32] = []
            let names: [Substring] = segment.hasPrefix("{")
                ? segment.dropFirst().dropLast().split(separator: ",")
                : [segment]
            for node in frontier {
                for name in names {
                    next.append(childNode(node, String(name)))
                }
            }
            frontier = next
        }
    }

    private mutating func childNode(_ parent: Int32, _ name: String) -> Int32 {
        if name == "*" {
            if nodes[Int(parent)].wildcard >= 0 { return nodes[Int(parent)].wildcard }
            nodes.append(Node())
            nodes[Int(parent)].wildcard = Int32(nodes.count - 1)
            return Int32(nodes.count - 1)
        }
        if let existing = nodes[Int(parent)].children[name] { return existing }
        nodes.append(Node())
        nodes[Int(parent)].children[name] = Int32(nodes.count - 1)
        return Int32(nodes.count - 1)
    }

    // MARK: - The vocabulary

    static let ruleCommon = "{descr,disabled,log,tracker,id,uuid,statetype,os,tag,tagged,max,max-src-nodes,max-src-conn,max-src-states,max-src-conn-rate,max-src-conn-rates,statetimeout,tcpflags1,tcpflags2,tcpflags_any,nopfsync,nosync,allowopts,disablereplyto,sched,gateway,dnpipe,pdnpipe,defaultqueue,ackqueue,vlanprio,vlanprioset,dscp,category,label,associated-rule-id,source-track,reply-to,prio,set-prio,set-prio-low,overload,adaptivestart,adaptiveend,state-policy,icmptype,icmp6-type,icmp6type,interfacenot}"

    static let entries: [String] = [
        // Metadata and sections read whole: no setting the model uses.
        "{version,lastchange,theme,trigger_initial_wizard,revision,widgets,wizardtemp,rrd,cron,sysctl}/**",
        "{dhcpd,dhcpdv6,dhcrelay,dhcrelay6,dnsmasq,unbound,load_balancer,gateways,staticroutes}/**",
        "{vlans,laggs,gifs,gres,bridges,qinqs,wireless,ppps,ifgroups,virtualip,proxyarp,hasync}/**",
        "{syslog,diag,shaper,dnshaper,schedules,wol,ntpd,notifications,igmpproxy,dyndnses,dnsupdates}/**",
        "{ca,cert,crl,captiveportal,voucher,l2tp,pptpd,pppoes,ezshaper,vpn}/**",
        "{hosts,apikeys,unboundplus,nat64,ntp}/**",
        // OPNsense MVC sections (firewall rules and aliases are modelled, the IPsec pre-shared
        // keys picked out); VPN tunnel definitions (Swanctl connections, OpenVPN instances) are not.
        "OPNsense/{DHCRelay,Gateways,IDS,IPsec,Interfaces,Kea,Netflow,OpenVPNExport,Syslog,TrafficShaper,captiveportal,cron,monit,trust,unboundplus,wireguard}/**",
        "OPNsense/{Dnsmasq,Hostdiscovery,Diagnostics,Routes,Routing,DHCPv4,DHCPv6,Radvd,Unbound,Ntpd,Policy,Auth,Cron,Monit,Trust,Syslog,Neighbor}/**",
        "OPNsense/Firewall/{Alias,Category,Lvtemplate,Group}/**",
        "OPNsense/Firewall/Filter/{rules,snatrules,npt}/**",
        "OPNsense/Swanctl/{locals,remotes,Pools,VTIs,SPDs}/**",
        "OPNsense/OpenVPN/{Overwrites,StaticKeys}/**",
        // Containers whose entries are not modelled: an empty one says there are none.
        "OPNsense/Firewall/Filter/onetoone",
        "OPNsense/Swanctl/{Connections,children}",
        "OPNsense/OpenVPN/Instances",

        // VPNs: read except the cryptography and authentication settings, which the model does
        // not hold yet (they are reported as not understood so a clean report does not claim them).
        "ipsec/{client,mobilekey,vtimaps,logging,async_crypto,uniqueids,filtermode,ipsec_vti,enable,preferoldsa,noshuntlaninterfaces}/**",
        "ipsec/phase1/{ikeid,interface,remote-gateway,protocol,myid_type,myid_data,peerid_type,peerid_data,descr,pre-shared-key,private-key,certref,caref,nat_traversal,mobike,margintime,startaction,closeaction,dpd_delay,dpd_maxfail,gw_duplicates,nattport,rekey_time,reauth_time,rand_time,disabled,mode,splitconn,tfc_enable,tfc_bytes,prfselect_enable,sha256_96,ikeport}",
        "ipsec/phase2/{ikeid,uniqid,reqid,descr,mode,pinghost,disabled,keepalive}",
        "ipsec/phase2/{localid,remoteid,natlocalid}/**",
        // Proposals: encryption, integrity and DH/PFS groups (CryptoProposal).
        "ipsec/phase1/{encryption,encryption-algorithm}/**",
        "ipsec/phase1/{hash-algorithm,dhgroup}",
        "ipsec/phase2/{encryption-algorithm-option,hash-algorithm-option}/**",
        "ipsec/phase2/pfsgroup",
        "openvpn/{openvpn-csc,user}/**",
        "openvpn/{openvpn-server,openvpn-client}/{vpnid,mode,protocol,dev_mode,interface,ipaddr,local_port,description,caref,crlref,ocspurl,certref,engine,tunnel_network,tunnel_networkv6,remote_network,remote_networkv6}",
        "openvpn/{openvpn-server,openvpn-client}/{gwredir,gwredir6,local_network,local_networkv6,maxclients,passtos,client2client,dynamic_ip,topology,serverbridge_dhcp,serverbridge_dhcp_end,serverbridge_dhcp_start,serverbridge_interface,serverbridge_routegateway}",
        "openvpn/{openvpn-server,openvpn-client}/{dns_domain,dns_server1,dns_server2,dns_server3,dns_server4,push_register_dns,ntp_server1,ntp_server2,netbios_enable,netbios_ntype,netbios_scope,wins_server1,wins_server2,exit_notify,sndrcvbuf,create_gw,verbosity_level}",
        "openvpn/{openvpn-server,openvpn-client}/{ping_method,keepalive_interval,keepalive_timeout,ping_seconds,ping_push,ping_action,ping_action_seconds,ping_action_push,inactive_seconds,username_as_common_name,server_addr,server_port,proxy_addr,proxy_port,route_no_pull,route_no_exec,disable}",

        // Packages: the package registry (names, menus, services) carries no setting; miniupnpd
        // is modelled; other packages' settings are not.
        "installedpackages/{package,menu,service,tab}/**",
        "installedpackages/miniupnpd/**",

        // System: identity and tuning knobs with no security meaning, then the modelled parts.
        "system/{optimization,hostname,domain,dnsallowoverride,dnsallowoverride_exclude,dnslocalhost,dnsserver,dns1gw,dns2gw,dns3gw,dns4gw,dnssearchdomain,language,timezone,timeservers,time-update-interval,already_run_config_upgrade}",
        "system/{bogons,firmware,acb,notifications,smtp,growl}/**",
        "system/{disablechecksumoffloading,disablesegmentationoffloading,disablelargereceiveoffloading,disablevlanhwfilter,disablenatreflection,enablebinatreflection,enablenatreflectionhelper,reflectiontimeout,maximumtableentries,maximumstates,maximumfrags,aliasesresolveinterval,checkaliasesurlcert}",
        "system/{powerd_enable,powerd_ac_mode,powerd_battery_mode,powerd_normal_mode,nextuid,nextgid,ipv6allow,ipv6nat_enable,ipv6nat_ipaddr,prefer_ipv4,ipv6duidtype,global-v6duid}",
        "system/{usevirtualterminal,disableconsolemenu,pf_share_forward,lb_use_sticky,rrdbackup,netflowbackup,dhcpbackup,logsbackup,captiveportalbackup,hn_altq_enable,scrubnodf,scrubrnid,disablescrub}",
        "system/{serialspeed,primaryconsole,secondaryconsole,enableserial,sshguard_threshold,sshguard_blocktime,sshguard_detection_time,sshguard_whitelist,crypto_hardware,thermal_hardware}",
        "system/{use_mfs_tmpvar,use_mfs_tmp_size,use_mfs_var_size,kill_states,gw_switch_default,skip_rules_gw_down,disablereplyto,disablenegate,bypassstaticroutes,srctrack,pti_disabled,mds_disable}",
        "system/{disablebeep,do_not_send_uniqueid,harddiskstandby,developerspew,maxmss_enable,maxmss,disablefilter,tcpidletimeout,tcpfirsttimeout,tcpopeningtimeout,tcpestablishedtimeout,tcpclosingtimeout}",
        "system/{tcpfinwaittimeout,tcpclosedtimeout,udpfirsttimeout,udpsingletimeout,udpmultipletimeout,icmpfirsttimeout,icmperrortimeout,otherfirsttimeout,othersingletimeout,othermultipletimeout}",
        "system/{adaptivestart,adaptiveend,deployment,pf_disable_force_gw,dhcp6_norelease,rfc959workaround,keymap,prefer_dnsmasq,sudo_allow_wheel,sudo_allow_group,user_allow_gen_token,disableintegratedauth}",
        "system/{dhcp6_debug,dhcp6_nodebug,ipv6_allow,schedule_states,no_apipa_block,mbuf_size,mbuf_max,pf_share_forward,lb_use_sticky,hostid,dashboardcolumns,webguicss,logincss}",
        "system/webgui/{protocol,port,ssl-certref,noantilockout,disablehttpredirect,loginautocomplete,dashboardcolumns,max_procs,nodnsrebindcheck,nohttpreferercheck,althostnames,authmode,pagenamefirst,interfaces}",
        "system/webgui/{ssl-ciphers,compression,session_timeout,webguicss,webguifixedmenu,webguihostnamemenu,logincss,loginshowhost,requirestatefilter,statusmonitoringsettingspanel,roaming,dashboardavailablewidgetspanel}",
        "system/webgui/{systemlogsfilterpanel,systemlogsmanagelogpanel,interfacessort,ocsp-staple,httpaccesslog,ssl-hsts,http-redirect,quietlogin,dnsrebindcheck,webguileftcolumnhyper,disablealiaspopupdetail}",
        "system/ssh/{enable,enabled,port,sshdkeyonly,sshdagentforwarding,group,permitrootlogin,passwordauth,interfaces,noauto,kex,ciphers,macs,keysig,rekeylimit,address_family}",
        "system/user/{name,descr,scope,groupname,bcrypt-hash,sha512-hash,md5-hash,nt-hash,password,uid,priv,disabled,expires,authorizedkeys,ipsecpsk,webguicss,dashboardcolumns,otp_seed}",
        "system/user/{cert,landing_page,language,comment,email,shell,keephistory,customsettings,webguifixedmenu,webguihostnamemenu,interfacessort,dashboardavailablewidgetspanel,systemlogsfilterpanel}",
        "system/user/{systemlogsmanagelogpanel,statusmonitoringsettingspanel,webguileftcolumnhyper,disablealiaspopupdetail,pagenamefirst,logincss}",
        "system/user/apikeys/item/{key,secret}",
        "system/group/{name,description,scope,gid,member,priv}",
        "system/authserver/{ldap_urltype,ldap_port}",
        "system/authserver/{name,type,host,refid,radius_auth_port,radius_acct_port,radius_timeout,radius_nasip_attribute,radius_secret,radius_srvcs}",
        "system/authserver/{ldap_caref,ldap_protver,ldap_scope,ldap_basedn,ldap_authcn,ldap_attr_group,ldap_attr_groupobj,ldap_attr_member,ldap_attr_user,ldap_extended_enabled,ldap_extended_query,ldap_pam_groupdn,ldap_timeout,ldap_binddn,ldap_bindpw,ldap_utf8,ldap_nostrip_at,ldap_rfc2307,ldap_rfc2307_userdn}",

        // Interfaces: every option is read (roles, addresses, blockpriv/blockbogons are modelled;
        // media, DHCP client tuning and the like carry no security meaning).
        "interfaces/*/**",

        // Firewall rules, NAT port forwards, aliases: modelled.
        "filter/rule/{type,interface,ipprotocol,protocol,floating,quick,direction}",
        "filter/rule/\(ruleCommon)",
        "filter/rule/{source,destination}/{any,network,address,port,not}",
        "filter/rule/{created,updated}/**",
        "filter/{separator,bypassstaticroutes}/**",
        "nat/rule/{interface,ipprotocol,protocol,target,local-port,descr,associated-rule-id,nordr,nosync,natreflection,disabled,poolopts,staticnatport,category,tag,tagged,log,uuid}",
        "nat/rule/{source,destination}/{any,network,address,port,not}",
        "nat/rule/{created,updated}/**",
        "nat/{outbound,npt,separator,advancedoutbound,pptpdpassthrough}/**",
        // 1:1 NAT publishes whole hosts; it is not modelled yet, so its entries are reported.
        "nat/onetoone",
        "aliases/alias/{name,type,address,descr,detail,url,updatefreq,aliasurl,proto,counters,content,enabled,interface}",
        "snmpd/{rocommunity,syslocation,syscontact,enable,pollport,bindip,trapenable,trapserver,trapserverport,trapstring,ipprotocol}",
        "snmpd/modules/**",
    ]
}
