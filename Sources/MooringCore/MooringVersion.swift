/// This build of Mooring, as `mooring version` and the daemon's `/status` report it.
public enum MooringVersion {
    public static let current = "0.1.0"
}
