import Foundation
import Testing

@testable import TraceReport

/// Incremental builds reuse a page only when the manifest's version matches: a change to how a
/// trace renders that keeps the version would leave stale pages in every incremental build.
@Suite("The manifest's version changes with the rendering")
struct RenderingVersionTests {
    /// The golden Markdown pages under the version that rendered them. When the goldens change,
    /// bump `BuildManifest.formatVersion` and put the new version and digest here.
    static let recorded = (version: "tracereport-manifest-15", digest: "ebf44f16796fceca")

    static func goldenDigest() throws -> String {
        let folder = TestPaths.testsRoot.appendingPathComponent("Snapshots").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        let text = try names.map { name in
            name + "\u{0}"
                + String(
                    decoding: try #require(FileManager.default.contents(atPath: folder + "/" + name)), as: UTF8.self)
        }
        return StableHash.hex(text.joined(separator: "\u{1}"))
    }

    @Test("the golden pages are the ones recorded for this manifest version")
    func versionFollowsGoldens() throws {
        let digest = try Self.goldenDigest()
        #expect(
            Self.recorded.version == BuildManifest.formatVersion && Self.recorded.digest == digest,
            "the golden pages changed (digest \(digest)): bump BuildManifest.formatVersion, so incremental builds render again, and record version and digest in RenderingVersionTests"
        )
    }
}
