/// A page model whose fields templates look up by name through a table of
/// accessors: a dictionary lookup and a direct call, where swift-mustache's own
/// lookup would reflect with `Mirror`. An optional field that is nil comes back
/// as nil, so `{{#field}}` sections skip it.
protocol TemplateFields: TemplateObject, TemplateValueConvertible {
    /// Template name → the field it reads.
    static var fields: [String: (Self) -> TemplateValue?] { get }
}

extension TemplateFields {
    func value(named name: String) -> TemplateValue? {
        guard let field = Self.fields[name] else { return nil }
        return field(self)
    }

    var templateValue: TemplateValue { .object(self) }
}
