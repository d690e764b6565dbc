import Foundation

/// Walks a built site the way a browser would: every page, every relative
/// link and `#anchor`, so a test can say that all of them resolve.
struct SiteChecker {
    let root: URL

    var htmlPages: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var pages: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".html") { pages.append(path) }
        }
        return pages.sorted()
    }

    func text(_ relative: String) -> String {
        String(
            decoding: FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) ?? Data(),
            as: UTF8.self)
    }

    static func attributeValues(_ name: String, in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!])
        }
    }

    /// Links that do not resolve, as `page → href`; and how many were followed.
    func brokenLinks() -> (broken: [String], followed: Int) {
        var broken: [String] = []
        var followed = 0
        for page in htmlPages {
            let html = text(page)
            for attribute in ["href", "src"] {
                for link in Self.attributeValues(attribute, in: html) {
                    followed += 1
                    if link.contains("://") || link.hasPrefix("//") || link.hasPrefix("/")
                        || link.lowercased().hasPrefix("javascript:") || link.lowercased().hasPrefix("data:")
                    {
                        broken.append("\(page) → \(link) (not a relative link)")
                        continue
                    }
                    let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
                        String.init)
                    let folder = (page as NSString).deletingLastPathComponent
                    let target = parts[0].isEmpty ? page : (folder.isEmpty ? parts[0] : folder + "/" + parts[0])
                    let resolved = root.appendingPathComponent(target).standardizedFileURL
                    guard resolved.path.hasPrefix(root.standardizedFileURL.path),
                        FileManager.default.fileExists(atPath: resolved.path)
                    else {
                        broken.append("\(page) → \(link)")
                        continue
                    }
                    if parts.count == 2 {
                        let targetHTML = String(
                            decoding: FileManager.default.contents(atPath: resolved.path) ?? Data(), as: UTF8.self)
                        if !Self.attributeValues("id", in: targetHTML).contains(parts[1]) {
                            broken.append("\(page) → \(link) (no such anchor)")
                        }
                    }
                }
            }
        }
        return (broken, followed)
    }
}
