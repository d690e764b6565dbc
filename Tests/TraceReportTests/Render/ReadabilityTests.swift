import Foundation
import Testing

@testable import TraceReport

/// What makes the site readable beyond being correct: Markdown pages that are text (reviewers read
/// them in GitHub and in diffs) and colours that can be read (WCAG contrast of at least 4.5:1).
@Suite("Readable pages: Markdown as text, colours with contrast", .temporaryFolder)
struct ReadabilityTests {
    /// The share of `text` that is HTML tags.
    static func markupShare(_ text: String) -> Double {
        let regex = try! NSRegularExpression(pattern: "<[^>\\n]*>")
        let tags = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reduce(0) {
            $0 + $1.range.length
        }
        return Double(tags) / Double(max(1, (text as NSString).length))
    }

    @Test("every Markdown page of the sample and the golden fixture is at most 5% markup, with no <span> or <svg>")
    func markdownIsText() throws {
        let root = TemporaryFolder.path
        #expect(try runTraceReport(["build", "--output", root + "/sample"]).status == 0)
        #expect(try runTraceReport(["build", TestPaths.fixture("golden"), "--output", root + "/golden"]).status != 2)
        var pages = 0
        for site in ["sample", "golden"] {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + site)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".md") else { continue }
                let text = String(
                    decoding: FileManager.default.contents(atPath: "\(root)/\(site)/\(path)") ?? Data(), as: UTF8.self)
                pages += 1
                let share = Self.markupShare(text)
                #expect(share <= 0.05, "\(site)/\(path): \(Int(share * 1000)) per mille markup")
                #expect(!text.contains("<span") && !text.contains("<svg"), "\(site)/\(path)")
                #expect(!text.unicodeScalars.contains { $0.value < 0x09 }, "\(site)/\(path): a marker was left")
            }
        }
        #expect(pages > 60)
        // The HTML pages carry the badges and the charts the Markdown leaves out.
        let index = String(decoding: FileManager.default.contents(atPath: root + "/sample/index.html")!, as: UTF8.self)
        #expect(index.contains("<span class=\"badge captured\">captured</span>") && index.contains("<svg"))
    }

    /// A colour as relative luminance (WCAG 2).
    static func luminance(_ hex: String) -> Double? {
        var digits = hex.dropFirst()
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard hex.hasPrefix("#"), digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        let channel = { (shift: Int) -> Double in
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    static func contrast(_ a: String, _ b: String) -> Double? {
        guard let x = luminance(a), let y = luminance(b) else { return nil }
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test("every text colour of style.css has a contrast of at least 4.5:1 on its background")
    func contrast() throws {
        var css = try String(contentsOfFile: TestPaths.packageRoot.path + "/Templates/style.css", encoding: .utf8)
        css = css.replacingOccurrences(of: "/\\*[\\s\\S]*?\\*/", with: "", options: .regularExpression)
        var variables: [String: String] = [:]
        var rules: [(selector: String, declarations: [String: String])] = []
        let block = try NSRegularExpression(pattern: "([^{}]+)\\{([^{}]*)\\}")
        for match in block.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
            let selector = String(css[Range(match.range(at: 1), in: css)!]).trimmingCharacters(
                in: .whitespacesAndNewlines)
            var declarations: [String: String] = [:]
            for item in String(css[Range(match.range(at: 2), in: css)!]).split(separator: ";") {
                let parts = item.split(separator: ":", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                if parts.count == 2 { declarations[parts[0]] = parts[1] }
            }
            if selector == ":root" {
                for (name, value) in declarations where name.hasPrefix("--") { variables[name] = value }
            } else {
                rules.append((selector, declarations))
            }
        }
        func resolve(_ value: String?) -> String? {
            guard var value = value?.split(separator: " ").first.map(String.init) else { return nil }
            if value.hasPrefix("var(") { value = variables[String(value.dropFirst(4).dropLast())] ?? value }
            return value.hasPrefix("#") ? value : nil
        }
        var checked = 0
        for rule in rules {
            let color = resolve(rule.declarations["color"])
            let background = resolve(rule.declarations["background"] ?? rule.declarations["background-color"])
            guard color != nil || background != nil else { continue }
            // A colour alone is read on the page's backgrounds; a background alone holds the page's text.
            let pairs: [(String, String)] =
                switch (color, background) {
                case (let c?, let b?): [(c, b)]
                case (let c?, nil): [(c, variables["--bg"]!), (c, variables["--panel"]!)]
                case (nil, let b?): [(variables["--fg"]!, b)]
                default: []
                }
            for (c, b) in pairs {
                guard let ratio = Self.contrast(c, b) else { continue }
                checked += 1
                #expect(ratio >= 4.5, "\(rule.selector): \(c) on \(b) is \((ratio * 100).rounded() / 100):1")
            }
        }
        #expect(checked > 20)
    }

    @Test("nothing under the output folder names the absolute path of an input or of the output")
    func noPrivatePaths() throws {
        let root = TemporaryFolder.path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/data/golden", withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: TestPaths.fixture("golden")) {
            try fm.copyItem(atPath: TestPaths.fixture("golden") + "/" + name, toPath: root + "/data/golden/" + name)
        }
        try Data("{\"trace_id\": \"ok\"}\nnot json\n".utf8).write(to: URL(fileURLWithPath: root + "/data/mixed.jsonl"))
        // From the folder that holds the inputs, as a user runs it, with the paths given absolute; twice, so
        // the second build reads the first one's manifest and history.
        for _ in 0..<2 {
            let build = try runTraceReport(
                ["build", root + "/data", "--baseline", root + "/data/golden", "--output", root + "/site"], in: root)
            #expect(build.status == 1, "\(build.stderr)")
        }
        var files = 0
        for path in fm.enumerator(atPath: root + "/site")!.compactMap({ $0 as? String }) {
            guard let data = fm.contents(atPath: root + "/site/" + path) else { continue }
            files += 1
            #expect(!String(decoding: data, as: UTF8.self).contains(root), "\(path) names \(root)")
        }
        #expect(files > 50)
        let summary = String(decoding: fm.contents(atPath: root + "/site/summary.json")!, as: UTF8.self)
        #expect(summary.contains("\"data/mixed.jsonl:2\""), "inputs are shown relative to the working folder")
    }
}

@Suite("Text in another script is marked with its language")
struct LanguageTests {
    @Test("each script the traces use gets its tag; Latin and Cyrillic none; right-to-left scripts their direction")
    func tags() {
        #expect(Language.tag("CPU 사용률이 높은 서버는?") == "ko")
        #expect(Language.tag("サーバーのCPU使用率") == "ja")
        #expect(Language.tag("東京サーバー") == "ja", "kana with kanji is Japanese")
        #expect(Language.tag("服务器的CPU使用率") == "zh")
        #expect(Language.tag("การใช้ CPU") == "th")
        #expect(Language.tag("χρήση CPU") == "el")
        #expect(Language.tag("שימוש במעבד") == "he")
        #expect(Language.tag("استخدام المعالج") == "ar")
        #expect(Language.tag("सर्वर") == "hi")
        #expect(Language.tag("CPU usage") == nil)
        #expect(Language.tag("загрузка CPU") == nil)
        #expect(Language.marked("استخدام").contains("lang=\"ar\" dir=\"rtl\""))
        #expect(!Language.marked("사용률").contains("dir="))
    }

    @Test("ordinals read as words do")
    func ordinals() {
        #expect(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(TextFormat.ordinal) == [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
            ])
    }
}
