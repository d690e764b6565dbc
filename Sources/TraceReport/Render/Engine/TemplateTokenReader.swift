import Mustache

/// Reads the tokens swift-mustache parsed out of a `MustacheTemplate` into a
/// `CompiledTemplate`, so both share one parser and its whitespace rules. The
/// tokens are internal to swift-mustache, so they are read by reflection, once
/// per template load. Anything not recognised — transforms, inheritance blocks,
/// dynamic partials, or token shapes a later swift-mustache may bring — returns
/// nil, and the template set renders with swift-mustache itself.
enum TemplateTokenReader {
    static func compile(_ template: MustacheTemplate) -> CompiledTemplate? {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") as? [Any] else { return nil }
        var nodes: [CompiledTemplate.Node] = []
        for token in tokens {
            guard let node = node(token) else { return nil }
            nodes.append(contentsOf: node)
        }
        return CompiledTemplate(nodes: nodes)
    }

    /// A token's node (none for a token that renders nothing).
    private static func node(_ token: Any) -> [CompiledTemplate.Node]? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let label = payload.label else {
            return nil
        }
        let fields = Dictionary(
            Mirror(reflecting: payload.value).children.compactMap { c in c.label.map { ($0, c.value) } },
            uniquingKeysWith: { a, _ in a })
        func name() -> CompiledTemplate.Name? {
            guard let name = fields["name"] as? String, (fields["transforms"] as? [String])?.isEmpty == true else {
                return nil
            }
            return CompiledTemplate.Name(name)
        }
        func inner() -> [CompiledTemplate.Node]? {
            guard let template = fields["template"] as? MustacheTemplate else { return nil }
            return compile(template)?.nodes
        }
        switch label {
        case "text":
            return (payload.value as? String).map { [.text($0)] }
        case "variable", "unescapedVariable":
            return name().map { [.variable($0, escaped: label == "variable")] }
        case "section", "invertedSection":
            guard let name = name(), let nodes = inner() else { return nil }
            return [label == "section" ? .section(name, nodes) : .inverted(name, nodes)]
        case "partial":
            // (String, indentation: String?, inherits: [String: MustacheTemplate]?); inheritance is left to swift-mustache.
            guard let partial = fields[".0"] as? String, let indentation = fields["indentation"],
                let inherits = fields["inherits"], isNil(inherits)
            else { return nil }
            if isNil(indentation) { return [.partial(partial, indentation: nil)] }
            return (indentation as? String).map { [.partial(partial, indentation: $0)] }
        case "contentType":
            guard let type = payload.value as? any MustacheContentType else { return nil }
            if type is MarkdownContentType { return [.contentType(.markdown)] }
            if String(describing: Swift.type(of: type)) == "HTMLContentType" { return [.contentType(.html)] }
            return [.contentType(.custom(type))]
        default:
            return nil
        }
    }

    /// Whether a reflected `Optional` field holds nil (a cast of it to `T?` fails rather than say so).
    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }
}
