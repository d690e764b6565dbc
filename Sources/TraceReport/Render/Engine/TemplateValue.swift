/// A value a template shows, tests or iterates: what a page model's field
/// holds, typed, so rendering needs no dynamic casts.
enum TemplateValue {
    case string(String)
    /// Text already UTF-8 (a converted page body): written as it is, never made a `String` on the way.
    case utf8([UInt8])
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object(any TemplateObject)
}

/// Something a template looks names up in: a page model, or a dictionary in tests.
protocol TemplateObject {
    /// The field called `name`; nil when there is none or it holds nothing,
    /// so a lookup goes on down the context stack, as in swift-mustache.
    func value(named name: String) -> TemplateValue?
    /// The same field, found by the number `FieldNames` gives `name`: what compiled templates ask.
    func value(number: Int, named name: String) -> TemplateValue?
}

extension TemplateObject {
    func value(number: Int, named name: String) -> TemplateValue? { value(named: name) }
}

/// A Swift value with a template form.
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

/// UTF-8 text a model holds as bytes (`TemplateValue.utf8`).
struct UTF8Text: TemplateValueConvertible {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { bytes = Array(text.utf8) }

    var templateValue: TemplateValue { .utf8(bytes) }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .string(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .int(self) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .bool(self) }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

extension Optional where Wrapped: TemplateValueConvertible {
    /// Nil stays nil, so `{{#field}}` skips it.
    var templateValue: TemplateValue? { map(\.templateValue) }
}
