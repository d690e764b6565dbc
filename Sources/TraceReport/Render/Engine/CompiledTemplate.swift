import Mustache

/// A Mustache template as a tree swift-mustache parsed, rendered against typed
/// `TemplateValue`s. swift-mustache resolves every `{{name}}` by splitting it,
/// walking the context stack and dynamic-casting each value to five protocols,
/// for every tag of every page. This renderer keeps swift-mustache's parse (the
/// tokens are read from its `MustacheTemplate`, see `TemplateTokenReader`) and
/// its rendering rules, with names split once and values typed.
struct CompiledTemplate: Sendable {
    /// A dotted name, split once. `anchored` names (`.x`) look only at the top of the stack;
    /// no parts means the top itself (`.`).
    struct Name: Sendable, Equatable {
        let parts: [String]
        /// Each part's number (`FieldNames`).
        let numbers: [Int]
        let anchored: Bool

        init(_ raw: String) {
            self.init(parts: raw == "." ? [] : raw.split(separator: ".").map(String.init), anchored: raw.first == ".")
        }

        private init(parts: [String], anchored: Bool) {
            self.parts = parts
            self.numbers = parts.map(FieldNames.number)
            self.anchored = anchored
        }

        func copied() -> Name { Name(parts: parts.map(CompiledTemplate.own), anchored: anchored) }
    }

    /// How `{{value}}` is escaped: set by `{{% CONTENT_TYPE: …}}`, HTML by default.
    enum Escaping: Sendable {
        case html
        case markdown
        case custom(any MustacheContentType)

        func apply(_ text: String, into out: inout [UInt8]) {
            switch self {
            case .html: HTMLEscaper.escape(text, into: &out)
            case .markdown: MarkdownEscaper.escape(text, into: &out)
            case .custom(let type): out.append(contentsOf: type.escapeText(text).utf8)
            }
        }
    }

    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case inverted(Name, [Node])
        case partial(String, indentation: String?)
        case contentType(Escaping)
    }

    let nodes: [Node]

    /// The same template in storage of its own: no string or array shared with `self`.
    func copied() -> CompiledTemplate { CompiledTemplate(nodes: Self.copy(nodes)) }

    private static func copy(_ nodes: [Node]) -> [Node] {
        nodes.map { node in
            switch node {
            case .text(let text): .text(own(text))
            case .variable(let name, let escaped): .variable(name.copied(), escaped: escaped)
            case .section(let name, let inner): .section(name.copied(), copy(inner))
            case .inverted(let name, let inner): .inverted(name.copied(), copy(inner))
            case .partial(let name, let indentation): .partial(own(name), indentation: indentation.map(own))
            case .contentType(let escaping): .contentType(escaping)
            }
        }
    }

    /// A copy of `text` in new storage (a short string has none to share).
    static func own(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }

    /// What rendering carries down: swift-mustache's `MustacheContext` without what we do not support.
    /// One per page, changed on the way into a section or partial and restored on the way out.
    struct Context {
        var stack: [TemplateValue]
        var escaping: Escaping
        var indentation: String?
    }

    /// Renders `object` as UTF-8; partials are looked up in `library`. Into bytes: appending to a `String`
    /// piece by piece was a tenth of a build's time.
    func render(_ object: TemplateValue, library: [String: CompiledTemplate]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)  // a page is kilobytes: growing from empty copied it a dozen times
        var context = Context(stack: [object], escaping: .html, indentation: nil)
        context.stack.reserveCapacity(8)
        Self.render(nodes, &context, library: library, into: &out)
        return out
    }

    /// `nodes` in `context`; a content type they set holds until they end.
    private static func render(
        _ nodes: [Node], _ context: inout Context, library: [String: CompiledTemplate], into out: inout [UInt8]
    ) {
        let escaping = context.escaping
        defer { context.escaping = escaping }
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &context, library: library, into: &out) }
            return
        }
        // A standalone partial's indentation goes before every line it writes (swift-mustache's rule).
        var text: [UInt8] = []
        for node in nodes {
            var piece: [UInt8] = []
            render(node, &context, library: library, into: &piece)
            if !piece.isEmpty, endsLine(text) { text.append(contentsOf: indentation.utf8) }
            text += piece
        }
        out += text
    }

    /// Whether `text`'s last character is a newline, as swift-mustache asks it of a `String`: `\r\n` is one
    /// character, and not a newline.
    private static func endsLine(_ text: [UInt8]) -> Bool {
        text.last == 0x0A && (text.count < 2 || text[text.count - 2] != 0x0D)
    }

    /// `nodes` with `value` on top of the stack.
    private static func render(
        _ nodes: [Node], pushing value: TemplateValue, _ context: inout Context,
        library: [String: CompiledTemplate], into out: inout [UInt8]
    ) {
        context.stack.append(value)
        render(nodes, &context, library: library, into: &out)
        context.stack.removeLast()
    }

    private static func render(
        _ node: Node, _ context: inout Context, library: [String: CompiledTemplate], into out: inout [UInt8]
    ) {
        switch node {
        case .text(let text):
            out.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            guard let value = lookup(name, in: context.stack) else { return }
            let text: String
            switch value {
            case .string(let s): text = s
            case .utf8(let bytes):
                guard escaped else { return out.append(contentsOf: bytes) }
                text = String(decoding: bytes, as: UTF8.self)
            case .int(let i): text = String(i)
            case .bool(let b): text = b ? "true" : "false"
            case .list, .object: return  // swift-mustache prints Swift's debug description: nothing a page should show
            }
            if escaped { context.escaping.apply(text, into: &out) } else { out.append(contentsOf: text.utf8) }
        case .section(let name, let nodes):
            switch lookup(name, in: context.stack) {
            case nil, .bool(false): return
            case .bool(true): render(nodes, &context, library: library, into: &out)
            case .list(let items):
                for item in items { render(nodes, pushing: item, &context, library: library, into: &out) }
            case let value?: render(nodes, pushing: value, &context, library: library, into: &out)
            }
        case .inverted(let name, let nodes):
            switch lookup(name, in: context.stack) {
            case nil, .bool(false): render(nodes, &context, library: library, into: &out)
            case .list(let items) where items.isEmpty:
                render(nodes, pushing: .list(items), &context, library: library, into: &out)
            default: return
            }
        case .partial(let name, let indented):
            guard let template = library[name] else { return }
            let (escaping, indentation) = (context.escaping, context.indentation)
            if let indented { context.indentation = (indentation ?? "") + indented }
            context.escaping = .html  // a partial starts with the default content type, as in swift-mustache
            render(template.nodes, &context, library: library, into: &out)
            (context.escaping, context.indentation) = (escaping, indentation)
        case .contentType(let escaping):
            context.escaping = escaping
        }
    }

    /// swift-mustache's lookup: the first part from the innermost object that has it, the rest from there.
    static func lookup(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        guard let top = stack.last else { return nil }
        guard !name.parts.isEmpty else { return top }
        if name.anchored { return resolve(name, from: 0, top) }
        for object in stack.reversed() {
            if let child = field(name, 0, of: object) { return resolve(name, from: 1, child) }
        }
        return nil
    }

    private static func resolve(_ name: Name, from start: Int, _ value: TemplateValue) -> TemplateValue? {
        var current = value
        for index in start..<name.parts.count {
            guard let child = field(name, index, of: current) else { return nil }
            current = child
        }
        return current
    }

    private static func field(_ name: Name, _ index: Int, of value: TemplateValue) -> TemplateValue? {
        guard case .object(let object) = value else { return nil }
        return object.value(number: name.numbers[index], named: name.parts[index])
    }
}
