import AuditCore

/// `config redirect` sections with target DNAT (the default) as port forwards, read as fw4 reads
/// them (fw4.uc `parse_redirect`): `proto` defaults to `tcp udp`, `dest_port` to `src_dport`, a
/// missing `src` or `src '*'` makes fw4 skip the redirect. SNAT redirects rewrite sources and are
/// not port forwards.
extension OpenWrtConversion {
    mutating func convertRedirects(_ firewall: UCIPackage) {
        for section in firewall.sections(ofType: "redirect") {
            if let forward = portForward(from: section) { config.portForwards.append(forward) }
        }
    }

    private mutating func portForward(from section: UCISection) -> PortForward? {
        if let target = section.option("target"), target.text.lowercased() != "dnat" {
            if target.text.lowercased() != "snat" {
                badValue("'\(target.text)' is not a redirect target; fw4 falls back to DNAT", target, in: section)
            } else {
                diagnose(.info, "not-modelled", "SNAT redirect rewrites sources and is not a port forward", at: section.span)
                return nil
            }
        }
        var enabled = bool("enabled", in: section, default: true, statement: "redirects are enabled unless disabled").value
        let source = section.option("src")
        if source == nil || source?.text == "*" {
            diagnose(.warning, "bad-value", "a DNAT redirect needs a source zone other than '*'; fw4 skips this one",
                     at: section.span)
            enabled = false
        }
        if let source {
            referenceZone(source.text, context: "redirect \(Self.label(of: section)) src", filtersTraffic: false,
                          value: source, in: section)
        }
        if let destination = section.option("dest") {
            referenceZone(destination.text, context: "redirect \(Self.label(of: section)) dest", filtersTraffic: false,
                          value: destination, in: section)
        }

        let family = ruleFamily(section)
        let protocols = protocolMatch(section, family: family)
        let portsApply = Self.portsApply(to: protocols)
        let externalPorts = portsApply ? ports("src_dport", in: section) : .any
        let internalPorts = portsApply
            ? (section.has("dest_port") ? ports("dest_port", in: section) : externalPorts)
            : .any

        var internalAddress: IPAddress?
        if let destination = section.option("dest_ip") {
            if let prefix = UCIValueParsing.prefix(destination.text) {
                internalAddress = prefix.address
            } else {
                badValue("'\(destination.text)' is not an address for dest_ip", destination, in: section)
            }
        }
        var allowedSources = AddressMatch.any
        if let first = addresses("src_ip", ipsetDirection: "src", in: section).first {
            allowedSources = first.match
        }
        return PortForward(
            label: section.option("name")?.text,
            externalInterface: source?.text,
            externalRole: source.flatMap { roleOfZone(named: $0.text) },
            protocols: protocols,
            externalPorts: externalPorts,
            internalAddress: internalAddress,
            internalPorts: internalPorts,
            allowedSources: allowedSources,
            enabled: enabled,
            origin: .source(section.span),
            externalAddress: section.option("src_dip").flatMap { UCIValueParsing.prefix($0.text)?.address },
            internalZone: section.option("dest")?.text)
    }
}
