import AuditCore

/// Routing facts that make an interface WAN when its own block does not say (architecture.md,
/// Cisco `interfaces` row): the interface a default route leaves by, and the interface facing an
/// eBGP neighbour. Both are known only once every interface has been read.
struct CiscoRoutingFacts {
    struct DefaultRoute {
        var interface: String?
        var nextHop: IPAddress?
        var span: SourceSpan
    }

    struct Neighbor {
        var remoteAS: (value: String, span: SourceSpan)?
        var peerGroup: (name: String, span: SourceSpan)?
    }

    var defaultRoutes: [DefaultRoute] = []
    var localAS: String?
    /// Neighbours in file order, and where each address is in that list.
    var neighbors: [(address: IPAddress, value: Neighbor)] = []
    var neighborIndex: [IPAddress: Int] = [:]
    /// `remote-as` of peer groups, by group name.
    var groupRemoteAS: [String: (value: String, span: SourceSpan)] = [:]
    /// Each interface's addresses with the line that set them.
    var addressLines: [String: [(prefix: IPPrefix, span: SourceSpan)]] = [:]
    /// Interfaces whose block gave no role: only these take a role from routing.
    var roleless: Set<String> = []
}

extension CiscoIOSConverter {
    /// `ip route 0.0.0.0 0.0.0.0 (INTERFACE [NEXT-HOP] | NEXT-HOP) ...`. Routes in a VRF
    /// (`ip route vrf MGMT 0.0.0.0 ...`) are left out: they are usually a management network's
    /// gateway, not the way to the internet.
    mutating func ipRoute(_ index: Int) {
        let words = command(index).words
        understand(index)
        guard words[safe: 2] == "0.0.0.0", words[safe: 3] == "0.0.0.0", let via = words[safe: 4] else { return }
        if let nextHop = IPAddress(via) {
            routing.defaultRoutes.append(.init(interface: nil, nextHop: nextHop, span: span(index)))
        } else if via != "Null0" {
            routing.defaultRoutes.append(.init(interface: String(via), nextHop: nil, span: span(index)))
        }
    }

    /// `router bgp AS` / `neighbor A remote-as N`, `neighbor A peer-group G`, `neighbor G remote-as N`.
    mutating func bgpNeighbors(_ index: Int) {
        routing.localAS = command(index).words[safe: 2].map(String.init)
        for position in (index + 1)..<command(index).subtreeEnd {
            let words = command(position).words
            guard words[0] == "neighbor", let target = words[safe: 1], words.count >= 4 else { continue }
            let address = IPAddress(target)
            switch words[2] {
            case "remote-as":
                let remote = (String(words[3]), span(position))
                if let address {
                    updateNeighbor(address) { $0.remoteAS = remote }
                } else {
                    routing.groupRemoteAS[String(target)] = remote
                }
            case "peer-group":
                let member = (String(words[3]), span(position))
                if let address { updateNeighbor(address) { $0.peerGroup = member } }
            default:
                break
            }
        }
    }

    private mutating func updateNeighbor(_ address: IPAddress, _ change: (inout CiscoRoutingFacts.Neighbor) -> Void) {
        if let existing = routing.neighborIndex[address] {
            change(&routing.neighbors[existing].value)
        } else {
            var neighbor = CiscoRoutingFacts.Neighbor()
            change(&neighbor)
            routing.neighborIndex[address] = routing.neighbors.count
            routing.neighbors.append((address, neighbor))
        }
    }

    /// The interface whose subnet holds `address`, with the line of that address.
    private func interface(holding address: IPAddress) -> (name: String, span: SourceSpan)? {
        for candidate in device.interfaces {
            if let match = routing.addressLines[candidate.name]?.first(where: { $0.prefix.contains(address) }) {
                return (candidate.name, match.span)
            }
        }
        return nil
    }

    /// Gives roleless interfaces the WAN role when a default route or an eBGP session uses them.
    /// An explicit `ip nat inside` (LAN) is not overridden: a backup default route through an
    /// inside router does not make the LAN internet-facing.
    mutating func resolveRoutingRoles() {
        var evidence: [String: [SourceSpan]] = [:]
        for route in routing.defaultRoutes {
            if let name = route.interface {
                evidence[name, default: []].append(route.span)
            } else if let nextHop = route.nextHop, let holder = interface(holding: nextHop) {
                evidence[holder.name, default: []] += [route.span, holder.span]
            }
        }
        if let localAS = routing.localAS {
            for (address, neighbor) in routing.neighbors {
                let group = neighbor.peerGroup.flatMap { routing.groupRemoteAS[$0.name] }
                guard let remote = neighbor.remoteAS ?? group, remote.value != localAS,
                      let holder = interface(holding: address) else { continue }
                let spans = [remote.span] + (neighbor.peerGroup.map { [$0.span] } ?? []) + [holder.span]
                evidence[holder.name, default: []] += spans
            }
        }
        for (name, spans) in evidence where routing.roleless.contains(name) {
            guard let position = interfaceIndex[name] else { continue }
            device.interfaces[position].role = Sourced(.wan, .derived(Array(Set(spans)).sorted()))
        }
    }
}
