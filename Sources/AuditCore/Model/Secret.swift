/// How a secret is stored in a configuration. The credential engine turns reversible forms into
/// cleartext and verifies hashes; the model only records what the file says.
public enum SecretForm: Hashable, Sendable {
    /// No secret at all (an account or line with an empty password).
    case empty
    /// Stored as typed (Cisco type 0, UCI option, a community string).
    case cleartext(String)
    /// An encoding anyone can undo (Cisco type 7, Junos `$9$`, FortiOS ENC).
    case reversible(scheme: ReversibleScheme, encoded: String)
    /// A one-way hash the device verifies logins against.
    case hashed(scheme: HashScheme, encoded: String)
    /// A format we recognise but cannot verify (Huawei irreversible-cipher), or one we do not know.
    case opaque(scheme: String, encoded: String)
}

public enum ReversibleScheme: String, Hashable, Sendable, Codable {
    case ciscoType7 = "cisco-type7"
    case junosType9 = "junos-type9"
    case fortiosENC = "fortios-enc"
    case huaweiCipher = "huawei-cipher"
    /// Zyxel ZLD `$4$...$`: the firmware decrypts it with a key of its own (it uses these values
    /// itself, e.g. VPN pre-shared keys), so it is reversible; no public specification exists, so
    /// it is not decoded.
    case zyxelZLD4 = "zyxel-zld-4"
}

public enum HashScheme: String, Hashable, Sendable, Codable {
    case ciscoType4 = "cisco-type4"
    case md5crypt = "md5crypt"          // Cisco type 5, $1$
    case ciscoType8 = "cisco-type8"     // PBKDF2-HMAC-SHA256
    case ciscoType9 = "cisco-type9"     // scrypt
    case sha256crypt = "sha256crypt"    // $5$
    case sha512crypt = "sha512crypt"    // $6$
    case bcrypt = "bcrypt"
    case fortiosSH2 = "fortios-sh2"
    case fortiosAK1 = "fortios-ak1"
    case desCrypt = "des-crypt"
    /// Cisco PIX/ASA `encrypted` passwords: one unsalted MD5 of the password padded to 16 bytes.
    case pixMD5 = "pix-md5"
    /// Cisco ASA `username ... password X encrypted`: PIX-MD5 salted with the first four
    /// characters of the user name.
    case asaMD5 = "asa-md5"
    case unknown = "unknown"

    /// Hashes that are fast enough to brute force on commodity hardware.
    public var isWeak: Bool {
        switch self {
        case .ciscoType4, .md5crypt, .fortiosAK1, .desCrypt, .pixMD5, .asaMD5: true
        default: false
        }
    }
}

/// A secret as it appears in the configuration, with where it came from.
public struct Secret: Hashable, Sendable {
    public var form: SecretForm
    public var origin: Provenance
    /// The storage the line claims when the value does not have it (Huawei `cipher` or
    /// `irreversible-cipher` followed by a password as typed): the form above is what the file
    /// really holds. nil when the line and the value agree.
    public var declaredForm: String? = nil

    public init(_ form: SecretForm, origin: Provenance) {
        self.form = form
        self.origin = origin
    }

    public var isEmpty: Bool {
        switch form {
        case .empty: true
        case .cleartext(let s): s.isEmpty
        default: false
        }
    }

    /// True when anyone holding the configuration can read the secret.
    public var isRecoverableFromConfig: Bool {
        switch form {
        case .cleartext, .reversible: true
        default: false
        }
    }
}

/// What a stored secret is for. Login secrets matter most; service secrets (PPP, FTP, Wi-Fi) leak
/// access to other systems when a configuration is shared.
public enum SecretPurpose: Hashable, Sendable, Codable {
    /// An account's login password.
    case login
    /// Privilege escalation (Cisco `enable`).
    case privilege
    /// A password on a terminal line (console, vty) without a username.
    case linePassword
    /// Anything else: PPP CHAP/PAP, FTP client, Wi-Fi pre-shared key, routing-protocol keys, VPN keys.
    case service(String)
}

/// A secret that is not an account's login password, or is, with its context.
public struct StoredSecret: Sendable {
    public var purpose: SecretPurpose
    /// Account or object the secret belongs to, when it has one (`enable`, `ddclient`, `vty 0 4`).
    public var owner: String
    public var secret: Secret

    public init(purpose: SecretPurpose, owner: String, secret: Secret) {
        self.purpose = purpose
        self.owner = owner
        self.secret = secret
    }
}
