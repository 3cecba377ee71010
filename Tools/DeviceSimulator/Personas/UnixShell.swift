import Foundation

/// The few shell commands a collector runs on Unix-based routers (OpenWrt's BusyBox ash, the
/// FreeBSD shell of pfSense and OPNsense): `cat`, `ls`, `uci export`, separated by `;` or `&&`.
struct UnixShell: Sendable {
    /// Absolute path to contents.
    let files: [String: [UInt8]]
    /// Answers `uci export [package]` (OpenWrt only).
    let uciExport: [UInt8]?
    /// How this shell names itself in errors (`-ash`, `sh`).
    let name: String

    func run(_ line: String) -> CLIResponse {
        var combined = CLIResponse()
        for part in commands(in: line) {
            let response = runOne(part)
            combined.text += response.text
            combined.isConfiguration = combined.isConfiguration || response.isConfiguration
            combined.exitStatus = response.exitStatus
            if response.close { combined.close = true; break }
        }
        combined.paged = false
        return combined
    }

    private func commands(in line: String) -> [String] {
        line.replacingOccurrences(of: "&&", with: ";").split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    private func runOne(_ command: String) -> CLIResponse {
        let words = command.split(separator: " ").map(String.init)
        switch words.first {
        case "cat":
            var response = CLIResponse()
            response.isConfiguration = true
            for path in words.dropFirst() {
                let matched = expand(path)
                if matched.isEmpty {
                    response.text += Array("cat: can't open '\(path)': No such file or directory\n".utf8)
                    response.exitStatus = 1
                }
                for file in matched { response.text += files[file] ?? [] }
            }
            return response
        case "ls":
            let folder = words.dropFirst().first ?? "/"
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            let names = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }.sorted()
            return CLIResponse(names.map { $0 + "\n" }.joined())
        case "uci" where uciExport != nil && words.dropFirst().first == "export":
            guard let export = uciExport else { return CLIResponse() }
            if words.count == 3 { return .configuration(Self.package(words[2], in: export)) }
            return .configuration(export)
        case "exit", "logout":
            return .end
        case "true":
            return CLIResponse()
        case let name?:
            return CLIResponse("\(self.name): \(name): not found\n", exitStatus: 127)
        case nil:
            return CLIResponse()
        }
    }

    /// `/etc/config/*` expands to the files in that folder, in name order; other paths are exact.
    private func expand(_ path: String) -> [String] {
        if path.hasSuffix("/*") {
            let prefix = String(path.dropLast())
            return files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }.sorted()
        }
        return files[path] == nil ? [] : [path]
    }

    /// One package of a `uci export`: from its `package NAME` line to the next one.
    static func package(_ name: String, in export: [UInt8]) -> [UInt8] {
        let text = String(decoding: export, as: UTF8.self)
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("package ") { inside = line == "package \(name)" }
            if inside { lines.append(line) }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? [] : Array((lines.joined(separator: "\n") + "\n\n").utf8)
    }
}

/// OpenWrt: BusyBox ash as root's shell, `uci export`, `/etc/config/*` and `/etc/shadow`.
struct OpenWrt: Persona {
    var pager: Pager? { nil }
    var alwaysCRLF: Bool { false }

    func greeting(_ context: CLIContext) -> String {
        """


        BusyBox v1.36.1 (2023-11-14 19:57:17 UTC) built-in shell (ash)

          _______                     ________        __
         |       |.-----.-----.-----.|  |  |  |.----.|  |_
         |   -   ||  _  |  -__|     ||  |  |  ||   _||   _|
         |_______||   __|_____|__|__||________||__|  |____|
                  |__| W I R E L E S S   F R E E D O M
         -----------------------------------------------------
         OpenWrt 23.05.2, r23630-842932a63d
         -----------------------------------------------------

        """
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        "\(context.user)@\(context.device.hostname):~# "
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        var files = context.device.fixture.files
        files["/etc/openwrt_release"] = Array("DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='23.05.2'\nDISTRIB_REVISION='r23630-842932a63d'\n".utf8)
        return UnixShell(files: files, uciExport: context.device.fixture.configuration, name: "-ash").run(line)
    }
}

/// pfSense and OPNsense: an SSH login to a PTY lands in the console menu, where `8` opens a
/// shell; an exec request runs its command in the shell directly.
struct BSDFirewall: Persona {
    let vendor: Vendor
    var pager: Pager? { nil }
    var alwaysCRLF: Bool { false }

    func initialMode(_ context: CLIContext) -> CLIMode { .menu }

    func greeting(_ context: CLIContext) -> String { menu(context) }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        if state.mode == .menu { return "\nEnter an option: " }
        return vendor == .pfSense
            ? "[2.7.2-RELEASE][\(context.user)@\(context.device.hostname).home.arpa]/root: "
            : "\(context.user)@\(context.device.hostname):~ # "
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        if state.mode == .menu {
            switch line.trimmingSpaces {
            case "8":
                state.mode = .normal
                return CLIResponse("\n")
            case "0":
                return .end
            case "":
                return CLIResponse()
            default:
                return CLIResponse("\n" + menu(context))
            }
        }
        let config = context.device.fixture.configuration
        let files = ["/conf/config.xml": config, "/cf/conf/config.xml": config]
        return UnixShell(files: files, uciExport: nil, name: "sh").run(line)
    }

    private func menu(_ context: CLIContext) -> String {
        let name = vendor == .pfSense ? "pfSense 2.7.2-RELEASE" : "OPNsense 24.1.2"
        return """
            *** Welcome to \(name) (amd64) on \(context.device.hostname) ***

             WAN (wan)       -> vtnet0     -> v4/DHCP4: 192.0.2.10/24
             LAN (lan)       -> vtnet1     -> v4: 192.168.1.1/24

             0) Logout (SSH only)                  9) pfTop
             1) Assign Interfaces                 10) Filter Logs
             2) Set interface(s) IP address       11) Restart webConfigurator
             3) Reset webConfigurator password    12) PHP shell + tools
             4) Reset to factory defaults         13) Update from console
             5) Reboot system                     14) Disable Secure Shell (sshd)
             6) Halt system                       15) Restore recent configuration
             7) Ping host                         16) Restart PHP-FPM
             8) Shell

            """
    }
}
