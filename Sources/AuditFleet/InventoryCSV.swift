/// Inventory as CSV, for exchange with other systems: `name,address,port,vendor,group,file`.
/// Import gives YAML device entries (settings stay in the YAML's defaults and groups).
public enum InventoryCSV {
    public static let header = "name,address,port,vendor,group,file"

    public static func export(_ inventory: Inventory) -> String {
        var out = header + "\n"
        for device in inventory.devices {
            var address = "", port = "", file = ""
            switch device.target {
            case .network(let host, let number): address = host; port = String(number)
            case .file(let path): file = path
            }
            out += [device.name, address, port, device.settings.vendor ?? "auto", device.group ?? "", file]
                .map(FleetReport.field).joined(separator: ",") + "\n"
        }
        return out
    }

    public struct Problem: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Turns CSV rows into the `devices:` list of an inventory YAML file.
    public static func importYAML(_ text: String, file: String) throws(Problem) -> String {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, parse(first) == header.split(separator: ",").map(String.init) else {
            throw Problem(file: file, line: 1, message: "the first line must be the header \(header)")
        }
        var out = "devices:\n"
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = parse(line)
            guard fields.count == 6 else {
                throw Problem(file: file, line: index + 1, message: "expected 6 fields (\(header)), found \(fields.count)")
            }
            let (name, address, port, vendor, group, path) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5])
            guard !name.isEmpty else { throw Problem(file: file, line: index + 1, message: "name is empty") }
            guard address.isEmpty != path.isEmpty else {
                throw Problem(file: file, line: index + 1, message: "give either address or file")
            }
            if !port.isEmpty, Int(port).map({ (1...65535).contains($0) }) != true {
                throw Problem(file: file, line: index + 1, message: "port must be a number from 1 to 65535")
            }
            out += "  - name: \(quoted(name))\n"
            if !address.isEmpty { out += "    address: \(quoted(address))\n" }
            if !port.isEmpty { out += "    port: \(port)\n" }
            if !path.isEmpty { out += "    file: \(quoted(path))\n" }
            if !vendor.isEmpty { out += "    vendor: \(quoted(vendor))\n" }
            if !group.isEmpty { out += "    group: \(quoted(group))\n" }
        }
        return out
    }

    /// One CSV line into fields (RFC 4180 quotes).
    static func parse(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for char in line {
            if quoted {
                if char == "\"" { quoted = false; previousQuote = true } else { field.append(char) }
            } else if char == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
                previousQuote = false
            } else if char == "," {
                fields.append(field); field = ""; previousQuote = false
            } else {
                field.append(char); previousQuote = false
            }
        }
        fields.append(field)
        return fields.map { $0.trimmingWhitespace }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
