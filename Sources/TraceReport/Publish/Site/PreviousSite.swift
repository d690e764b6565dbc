import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The last build's site, as a source of files to take over. Only regular files are taken: a
/// symbolic link or special file found where tracereport wrote a page (planted after the build,
/// say a link to a private file) is never carried into the new site; its page is written anew and
/// the build says how many it left out. Files the last build's manifest does not name are never
/// taken at all.
final class PreviousSite: Sendable {
    /// The published site's folder.
    let root: String
    private let strays = Mutex(Set<String>())

    /// The site at `root`.
    init(root: String) { self.root = root.hasSuffix("/") ? String(root.dropLast()) : root }

    /// The full path of a file of the site.
    func path(_ relativePath: String) -> String { root + "/" + relativePath }

    /// Whether the file at `relativePath` is one tracereport can have written: a regular file, not a
    /// symbolic link. Anything else is counted (once) as left out; a missing file is not.
    func isOwn(_ relativePath: String) -> Bool {
        var info = stat()
        guard lstat(path(relativePath), &info) == 0 else { return false }
        if info.st_mode & S_IFMT == S_IFREG { return true }
        noteStray(relativePath)
        return false
    }

    /// Counts a file found to be anything but a regular file, once.
    func noteStray(_ relativePath: String) { _ = strays.withLock { $0.insert(relativePath) } }

    /// Whether every one of these files is the last build's own (each is looked at, so each stray is counted).
    func areOwn(_ relativePaths: [String]) -> Bool {
        relativePaths.map(isOwn).allSatisfy { $0 }
    }

    /// What a user should hear about files left out, nil when there were none.
    var note: String? {
        let count = strays.withLock { $0.count }
        guard count > 0 else { return nil }
        return
            "note: \(root): \(count) \(count == 1 ? "file" : "files") of the last site \(count == 1 ? "was" : "were") not written by tracereport (a symbolic link or special file where a page or record was) and \(count == 1 ? "was" : "were") left out; what \(count == 1 ? "it" : "they") stood for was written anew"
    }
}
