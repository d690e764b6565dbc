import Synchronization

/// A number for every field name templates and page models use, the same in both: a compiled
/// template finds a field by indexing an array with it, where a lookup by name hashed the name at
/// every tag of every page. Numbers are handed out once per name, for the life of the process.
enum FieldNames {
    private static let numbers = Mutex<[String: Int]>([:])

    /// The number of `name`, given the first time it is asked for.
    static func number(_ name: String) -> Int {
        numbers.withLock { numbers in
            if let number = numbers[name] { return number }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
    }
}

/// A page model's fields: by name, and by the name's number (`FieldNames`).
struct FieldTable<Model> {
    typealias Field = (Model) -> TemplateValue?

    let byName: [String: Field]
    /// Indexed by a name's number; nil where the model has no field of that name. A name numbered
    /// after this table was made is past its end: the model has no field of that name either.
    let byNumber: [Field?]

    init(_ fields: [String: Field]) {
        byName = fields
        let numbered = fields.map { (FieldNames.number($0.key), $0.value) }
        var byNumber = [Field?](repeating: nil, count: (numbered.map(\.0).max() ?? -1) + 1)
        for (number, field) in numbered { byNumber[number] = field }
        self.byNumber = byNumber
    }

    func field(_ number: Int) -> Field? { number < byNumber.count ? byNumber[number] : nil }
}
