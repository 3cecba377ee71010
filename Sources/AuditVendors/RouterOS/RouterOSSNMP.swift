import AuditCore

/// `/snmp` and `/snmp community` (RouterOS manual, "SNMP"). SNMP is off unless `/snmp set
/// enabled=yes`; a fresh router has one community, `public`, read-only, from any address
/// (0.0.0.0/0, `::/0` on RouterOS 7), which the export does not print. It can be changed through
/// `set [ find default=yes ]` (or by name or number 0) but not removed. Communities with
/// `security=authorized` or `private` accept only authenticated (v3) requests.
extension RouterOSConversion {
    private struct Community {
        var name: Sourced<String>
        var nameProperty: (RouterOSStatement, RouterOSProperty)?
        var addresses: Sourced<[IPPrefix]>
        var write = false
        var read = true
        var security = "none"
        var disabled = false
        var isDefault = false
        var origin: Provenance
    }

    mutating func convertSNMP() {
        var enabled = Sourced(false, Self.vendorDefault("SNMP is disabled unless /snmp set enabled=yes"))
        if let on = setting("snmp", "enabled") {
            if let value = RouterOSValues.bool(on.value) {
                enabled = Sourced(value, on.statement.origin(of: on.property))
            } else {
                badValue("'\(on.value)' is not yes or no", on.property, in: on.statement)
            }
        }
        let defaultOrigin = Self.vendorDefault(
            "RouterOS has a read-only SNMP community 'public' open to any address; an export prints it only when changed")
        var communities = [Community(
            name: Sourced("public", defaultOrigin), addresses: Sourced(Self.anywhere, defaultOrigin), isDefault: true,
            origin: defaultOrigin)]
        for statement in items("snmp community") {
            switch statement.command {
            case "add":
                guard let property = statement.property("name") else {
                    diagnose(.warning, "bad-value", "an SNMP community without a name", at: statement.span)
                    continue
                }
                var community = Community(
                    name: Sourced(property.value, statement.origin(of: property)), nameProperty: (statement, property),
                    addresses: Sourced(Self.anywhere, Self.vendorDefault("a community answers any address unless addresses= is set")),
                    origin: statement.origin)
                apply(statement, to: &community)
                communities.append(community)
            case "set", "remove", "disable", "enable":
                for index in communities.indices where names(statement, community: communities[index], at: index) {
                    switch statement.command {
                    case "remove":
                        if communities[index].isDefault {
                            diagnose(.info, "bad-value", "the default SNMP community cannot be removed on RouterOS", at: statement.span)
                        }
                        communities[index].disabled = true
                        communities[index].origin = statement.origin
                    case "disable": communities[index].disabled = true
                    case "enable": communities[index].disabled = false
                    default:
                        if let property = statement.property("name") {
                            communities[index].name = Sourced(property.value, statement.origin(of: property))
                            communities[index].nameProperty = (statement, property)
                        }
                        if communities[index].isDefault { communities[index].origin = statement.origin }
                        apply(statement, to: &communities[index])
                    }
                }
            default:
                continue
            }
        }
        for community in communities {
            if let (statement, property) = community.nameProperty { markSecret(property, in: statement) }
        }
        config.services.append(ManagementService(
            kind: .snmp, enabled: enabled,
            port: Sourced(161, Self.vendorDefault("the RouterOS SNMP agent answers on UDP port 161")),
            listen: Sourced([.any], Self.vendorDefault(Self.listenEverywhere))))
        guard enabled.value else {
            if communities.count > 1, let first = items("snmp community").first {
                diagnose(.info, "not-serving", "SNMP communities are configured but SNMP is disabled", at: first.span)
            }
            return
        }
        for var community in communities where !community.disabled && (community.read || community.write) {
            // The default community is not in the file: it serves because SNMP is switched on.
            if community.origin.isVendorDefault { community.origin = enabled.origin }
            if community.security != "none" {
                config.snmp.v3Users.append(community.name)
                continue
            }
            config.snmp.communities.append(SNMPCommunity(
                name: Secret(.cleartext(community.name.value), origin: community.name.origin),
                access: community.write ? .readWrite : .readOnly,
                allowedSources: community.addresses.value, origin: community.origin))
        }
    }

    /// Whether a `set`/`remove` statement names this community.
    private func names(_ statement: RouterOSStatement, community: Community, at index: Int) -> Bool {
        if let selector = statement.selector {
            if selector.value("default") == "yes" { return community.isDefault }
            if let name = selector.value("name") { return community.name.value == name }
            return selector.matchesAll
        }
        let words = statement.positional.flatMap(RouterOSValues.list)
        return words.contains(community.name.value) || words.contains(String(index))
    }

    private mutating func apply(_ statement: RouterOSStatement, to community: inout Community) {
        if let property = statement.property("addresses") {
            var prefixes: [IPPrefix] = []
            for part in RouterOSValues.list(property.value) {
                if case .prefix(let prefix) = RouterOSValues.address(part) { prefixes.append(prefix) } else {
                    badValue("'\(part)' is not an address for addresses=", property, in: statement)
                }
            }
            community.addresses = Sourced(prefixes.isEmpty ? Self.anywhere : prefixes, statement.origin(of: property))
        }
        if let value = statement.value("write-access").flatMap(RouterOSValues.bool) { community.write = value }
        if let value = statement.value("read-access").flatMap(RouterOSValues.bool) { community.read = value }
        if let value = statement.value("security") { community.security = value }
        if let value = statement.value("disabled").flatMap(RouterOSValues.bool) { community.disabled = value }
    }
}
