/// One thing the analysis found in a trace, tied to a stage and asset where it can be.
public struct Finding: Sendable, Equatable {
    /// What was found.
    public var kind: FindingKind
    /// The stage it concerns, nil for the whole trace.
    public var stage: String?
    /// The asset key it concerns, if any.
    public var asset: String?
    /// A sentence a user can act on.
    public var message: String

    /// Creates a finding.
    public init(kind: FindingKind, stage: String? = nil, asset: String? = nil, message: String) {
        self.kind = kind
        self.stage = stage
        self.asset = asset
        self.message = message
    }

    /// The kind's severity.
    public var severity: Severity { kind.severity }
}
