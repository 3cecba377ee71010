public enum RouterAuditVersion {
    public static let current = "0.1.0"
}
