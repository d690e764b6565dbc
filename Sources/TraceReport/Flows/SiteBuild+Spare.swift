import Foundation

/// The spare site's side of a build (`SpareSite`): what `traces/` must hold at the end, and what the
/// next build needs to know.
extension SiteBuild {
    /// Makes `traces/` hold exactly this build's pages, and names the files in which it differs from the
    /// published site's `traces/` (rendered, or gone), for the spare the published site becomes; nil when
    /// that is most of them (a spare would save little).
    func settleTracePages() throws -> [String]? {
        // A build that rendered too much to keep a spare, and did not start from one, has nothing to settle.
        guard fromSpare || renderedPages != nil else { return nil }
        let namer = namer
        // A name that cannot be read back keeps its file (nothing is removed on a guess) and fails the build.
        var unreadable: PublishError?
        let belongs = { (file: String) -> Bool in
            for suffix in [".md", ".html"] where file.hasSuffix(suffix) {
                do throws(PublishError) {
                    return try namer.hasName(file.utf8.dropLast(suffix.utf8.count))
                } catch {
                    unreadable = error
                    return true
                }
            }
            return false
        }
        let gone: [String]?
        if fromSpare {
            // Nothing is taken from the published pages, but a link planted among them is still said.
            let links =
                publishedLinks.map(\.result)
                ?? SpareSite.strays(in: last.path("traces"), removing: false, belongs: { _ in true }).strays
            for file in links ?? [] where belongs(file) { last.noteStray("traces/" + file) }
            let (strays, kept) = SpareSite.strays(in: site.stagingPath("traces"), removing: true, belongs: belongs)
            gone = strays
            // Only a spare changed by hand lacks pages: take them from the published site.
            if kept != namer.count * 2 {
                try namer.forEachName { name throws(PublishError) in
                    for page in [PageNamer.tracePage(name) + ".md", PageNamer.tracePage(name) + ".html"] {
                        var info = stat()
                        if lstat(site.stagingPath(page), &info) != 0 { try site.link(from: last.path(page), to: page) }
                    }
                }
            }
        } else {
            gone = SpareSite.strays(in: last.path("traces"), removing: false, belongs: belongs).strays
        }
        if let unreadable { throw unreadable }
        guard let gone, let renderedPages, renderedPages.count + gone.count <= max(namer.count, 1_000) else {
            return nil
        }
        return renderedPages + gone
    }
}
