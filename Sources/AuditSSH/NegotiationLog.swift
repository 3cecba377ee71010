import CLibSSH

/// Captures libssh's "Negotiated kex,hostkey,cipher,..." log line during key exchange: libssh has
/// no getter for the negotiated host key algorithm (ssh-rsa vs rsa-sha2-256 matters for the weak
/// crypto finding). libssh's log callback and its user data are per thread, so installing it for
/// the duration of `ssh_connect` on the session's own thread touches no other session.
final class NegotiationLog {
    private(set) var negotiatedFields: [String] = []

    func install() {
        ssh_set_log_userdata(Unmanaged.passUnretained(self).toOpaque())
        ssh_set_log_callback { _, _, buffer, userdata in
            guard let buffer, let userdata else { return }
            let line = String(cString: buffer)
            guard let range = line.firstRange(of: "Negotiated ") else { return }
            let log = Unmanaged<NegotiationLog>.fromOpaque(userdata).takeUnretainedValue()
            log.negotiatedFields = line[range.upperBound...].split(separator: ",").map {
                String($0.filter { $0 != " " && $0 != "\n" })
            }
        }
    }

    /// Leaves the callback in place (without one libssh would log to stderr) but detaches it.
    func uninstall() {
        ssh_set_log_userdata(nil)
    }
}
