import Mustache

/// A page model as swift-mustache sees it, for template sets that use what
/// `CompiledTemplate` leaves to swift-mustache (transforms, inheritance, dynamic partials).
struct MustacheBridge: MustacheParent {
    let object: any TemplateObject

    func child(named name: String) -> Any? { object.value(named: name).map(Self.any) }

    /// The value as the Swift types swift-mustache knows: strings, numbers, booleans, arrays and parents.
    static func any(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let s): s
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .int(let i): i
        case .bool(let b): b
        case .list(let items): items.map(any)
        case .object(let o): MustacheBridge(object: o)
        }
    }
}
