/// When a stage's input record is built relative to running the stage.
public enum StageOrdering: String, Sendable, CaseIterable {
    /// The bug: input built from the stage scope before the stage runs, so its assets are empty.
    case legacy
    /// The fix: the stage runs, its tracked assets are collected, then the input is built.
    case scoped
}
