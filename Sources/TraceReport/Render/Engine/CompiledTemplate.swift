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
        let anchored: Bool

        init(_ raw: String) {
            parts = raw == "." ? [] : raw.split(separator: ".").map(String.init)
            anchored = raw.first == "."
        }
    }

    /// How `{{value}}` is escaped: set by `{{% CONTENT_TYPE: …}}`, HTML by default.
    enum Escaping: Sendable {
        case html
        case markdown
        case custom(any MustacheContentType)

        func apply(_ text: String) -> String {
            switch self {
            case .html: HTMLEscaper.escape(text)
            case .markdown: MarkdownEscaper.escape(text)
            case .custom(let type): type.escapeText(text)
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

    /// What rendering carries down: swift-mustache's `MustacheContext` without what we do not support.
    struct Context {
        var stack: [TemplateValue]
        var escaping: Escaping
        var indentation: String?
    }

    /// Renders `object`; partials are looked up in `library`.
    func render(_ object: TemplateValue, library: [String: CompiledTemplate]) -> String {
        var out = ""
        out.reserveCapacity(16_384)  // a page is kilobytes: growing from empty copied it a dozen times
        Self.render(nodes, Context(stack: [object], escaping: .html, indentation: nil), library: library, into: &out)
        return out
    }

    private static func render(
        _ nodes: [Node], _ context: Context, library: [String: CompiledTemplate], into out: inout String
    ) {
        var context = context
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &context, library: library, into: &out) }
            return
        }
        // A standalone partial's indentation goes before every line it writes (swift-mustache's rule).
        var text = ""
        for node in nodes {
            var piece = ""
            render(node, &context, library: library, into: &piece)
            if !piece.isEmpty, text.last == "\n" { text += indentation }
            text += piece
        }
        out += text
    }

    private static func render(
        _ node: Node, _ context: inout Context, library: [String: CompiledTemplate], into out: inout String
    ) {
        switch node {
        case .text(let text):
            out += text
        case .variable(let name, let escaped):
            guard let value = lookup(name, in: context.stack) else { return }
            let text: String
            switch value {
            case .string(let s): text = s
            case .int(let i): text = String(i)
            case .bool(let b): text = b ? "true" : "false"
            case .list, .object: return  // swift-mustache prints Swift's debug description: nothing a page should show
            }
            out += escaped ? context.escaping.apply(text) : text
        case .section(let name, let nodes):
            switch lookup(name, in: context.stack) {
            case nil, .bool(false): return
            case .bool(true): render(nodes, context, library: library, into: &out)
            case .list(let items):
                for item in items { render(nodes, pushing(item, on: context), library: library, into: &out) }
            case let value?: render(nodes, pushing(value, on: context), library: library, into: &out)
            }
        case .inverted(let name, let nodes):
            switch lookup(name, in: context.stack) {
            case nil, .bool(false): render(nodes, context, library: library, into: &out)
            case .list(let items) where items.isEmpty:
                render(nodes, pushing(.list(items), on: context), library: library, into: &out)
            default: return
            }
        case .partial(let name, let indented):
            guard let template = library[name] else { return }
            var inner = context
            if let indented { inner.indentation = (context.indentation ?? "") + indented }
            inner.escaping = .html  // a partial starts with the default content type, as in swift-mustache
            render(template.nodes, inner, library: library, into: &out)
        case .contentType(let escaping):
            context.escaping = escaping
        }
    }

    private static func pushing(_ value: TemplateValue, on context: Context) -> Context {
        var inner = context
        inner.stack.append(value)
        return inner
    }

    /// swift-mustache's lookup: the first part from the innermost object that has it, the rest from there.
    static func lookup(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        guard let top = stack.last else { return nil }
        guard let first = name.parts.first else { return top }
        if name.anchored { return resolve(name.parts[...], from: top) }
        for object in stack.reversed() {
            if let child = field(first, of: object) { return resolve(name.parts.dropFirst(), from: child) }
        }
        return nil
    }

    private static func resolve(_ parts: ArraySlice<String>, from value: TemplateValue) -> TemplateValue? {
        var current = value
        for part in parts {
            guard let child = field(part, of: current) else { return nil }
            current = child
        }
        return current
    }

    private static func field(_ name: String, of value: TemplateValue) -> TemplateValue? {
        guard case .object(let object) = value else { return nil }
        return object.value(named: name)
    }
}
