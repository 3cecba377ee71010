import AuditCore
import AuditFirewall

/// What the WAN can reach of the router's own services, from the firewall engine: exact
/// first-match evaluation of the WAN's filters, with a witness packet and the deciding rules.
enum WANExposure {
    /// Evidence lines for a service reachable from the WAN; nil when it is not.
    static func evidence(for service: ManagementService, in config: DeviceConfig) -> [Provenance]? {
        exposure(for: service, in: config)?.evidence
    }

    static func exposure(for service: ManagementService, in config: DeviceConfig) -> ManagementExposure.Exposure? {
        // Sources listed inline (RouterOS `address=`) that exclude the Internet at large: the
        // service answers those sources only, whatever the filters let through.
        if let allowed = service.allowedSources?.value, !allowed.isEmpty, !allowed.contains(where: \.isAny) {
            return nil
        }
        return ManagementExposure.exposure(of: service, in: config)
    }

    /// True when some login service of the router is reachable from the WAN.
    static func loginReachableFromWAN(_ config: DeviceConfig) -> Bool {
        config.services.contains { [.telnet, .ssh, .http, .https].contains($0.kind) && evidence(for: $0, in: config) != nil }
    }
}
