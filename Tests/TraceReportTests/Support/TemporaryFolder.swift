import Foundation
import Testing

/// A new empty folder for each test of a suite marked `.temporaryFolder`, removed when the test ends
/// (passed, failed or thrown): `let root = TemporaryFolder.path`.
enum TemporaryFolder {
    /// The current test's folder; empty outside a suite with the trait.
    @TaskLocal static var path = ""
}

/// The trait behind `.temporaryFolder`.
struct TemporaryFolderTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        // The suite itself gets no folder; each of its tests (and each case of a parameterised one) does.
        guard testCase != nil || !test.isSuite else { return try await function() }
        let path = try TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TemporaryFolder.$path.withValue(path) { try await function() }
    }
}

extension Trait where Self == TemporaryFolderTrait {
    /// Each test gets a new empty folder, `TemporaryFolder.path`, removed after it.
    static var temporaryFolder: Self { Self() }
}
