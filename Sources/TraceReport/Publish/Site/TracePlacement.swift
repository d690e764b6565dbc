/// Where a trace stands in a build, known only in input order: its page's name, which trace with its id
/// it is (1 for the first: later ones are titled so), and the index page that lists it (its page links
/// back there). A last build's page is reused only in the same place.
struct TracePlacement: Sendable, Equatable {
    var name: String
    var occurrence: Int
    var indexPage: Int
}
