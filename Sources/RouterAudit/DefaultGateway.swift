#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The IPv4 default gateway of this machine: most often the router a small business wants checked.
public enum DefaultGateway {
    /// Reads the default route from `/proc/net/route` (Linux); nil when there is none or the file
    /// cannot be read.
    public static func find(routeFile: String = "/proc/net/route") -> String? {
        guard let data = FileManager.default.contents(atPath: routeFile) else { return nil }
        return parse(procNetRoute: String(decoding: data, as: UTF8.self))
    }

    /// The gateway of the default route (destination and mask 0, flags up and gateway) with the
    /// lowest metric. Addresses are hexadecimal in host byte order: `0101A8C0` is 192.168.1.1.
    public static func parse(procNetRoute text: String) -> String? {
        var best: (metric: Int, gateway: String)?
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 8,
                  let destination = UInt32(fields[1], radix: 16), destination == 0,
                  let gateway = UInt32(fields[2], radix: 16), gateway != 0,
                  let flags = UInt32(fields[3], radix: 16), flags & 0x3 == 0x3,
                  let mask = UInt32(fields[7], radix: 16), mask == 0 else { continue }
            let metric = Int(fields[6]) ?? 0
            let address = [gateway & 0xFF, (gateway >> 8) & 0xFF, (gateway >> 16) & 0xFF, gateway >> 24].map(String.init).joined(separator: ".")
            if best == nil || metric < best!.metric { best = (metric, address) }
        }
        return best?.gateway
    }
}
