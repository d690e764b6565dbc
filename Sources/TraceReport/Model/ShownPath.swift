import Foundation

/// A file's path as reports show it: relative to the working folder, so that nothing a build publishes
/// (pages, `summary.json`, the history, the manifest) names an absolute path of the machine that built it.
/// A path given relative is shown as given; an absolute one as the way there from the working folder
/// (`data/x.jsonl`, or `../shared/x.jsonl` outside it). Files are still read by the path given.
public enum ShownPath {
    public static func relative(_ path: String, to folder: String = FileManager.default.currentDirectoryPath) -> String
    {
        guard path.hasPrefix("/") else { return path }
        let from = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
