/// The labels and annotations Mooring writes on the objects it manages (INTERFACE.md).
public enum ObjectLabels {
    public static let managedBy = "app.kubernetes.io/managed-by"
    public static let managedByValue = "mooring"
    public static let model = "mooring.dev/model"
    public static let version = "mooring.dev/version"
    public static let sourceCommit = "mooring.dev/source-commit"
    public static let sourceFile = "mooring.dev/source-file"
}
