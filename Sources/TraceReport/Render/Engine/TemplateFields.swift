/// A page model whose fields templates look up through a table of accessors: an array
/// index (or a dictionary lookup, by name) and a direct call, where swift-mustache's own
/// lookup would reflect with `Mirror`. An optional field that is nil comes back
/// as nil, so `{{#field}}` sections skip it.
protocol TemplateFields: TemplateObject, TemplateValueConvertible {
    /// Template name → the field it reads.
    static var fields: FieldTable<Self> { get }
}

extension TemplateFields {
    func value(named name: String) -> TemplateValue? {
        guard let field = Self.fields.byName[name] else { return nil }
        return field(self)
    }

    func value(number: Int, named name: String) -> TemplateValue? {
        guard let field = Self.fields.field(number) else { return nil }
        return field(self)
    }

    var templateValue: TemplateValue { .object(self) }
}
