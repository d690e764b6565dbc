import Foundation

/// Where the tests find their fixtures, golden files and the built binary.
enum TestPaths {
    /// `Tests/TraceReportTests/`.
    static let testsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The package root.
    static let packageRoot = testsRoot.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String {
        testsRoot.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func snapshot(_ name: String) -> URL {
        testsRoot.appendingPathComponent("Snapshots").appendingPathComponent(name)
    }

    /// The `tracereport` executable `swift test` built beside the test bundle.
    /// The `SOURCE_DATE_EPOCH` commands run under unless a test sets it: 2025-11-25 12:00 UTC.
    static let fixedEpoch = "1764072000"

    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "tracereport")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return packageRoot.appendingPathComponent(".build/debug/tracereport").path
    }

    /// The binaries the CLI contract holds for: the debug build `swift test` made, and the release
    /// build users run (`TRACEREPORT_RELEASE_BINARY`, which `make test` sets; required in CI).
    static var contractBinaries: [String] {
        var binaries = [binary]
        if let release = ProcessInfo.processInfo.environment["TRACEREPORT_RELEASE_BINARY"], !release.isEmpty {
            binaries.append(release)
        }
        return binaries
    }

    /// An executable found on PATH (the tests start processes without a shell).
    static func executable(_ name: String) throws -> String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ChildProcess.Failure(description: "no \(name) on PATH")
    }

    /// A new empty folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tracereport-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
