// swift-tools-version:6.0
// A program outside the Scout package that uses the library as a host would: the embedding
// sample's sources, the README's example and the guide's API. It builds only if all of that
// is public (declarations that are `package` are invisible here). `.ci/public-api` builds it.
import PackageDescription

// A path dependency is known by its directory's name: the Scout checkout two levels up.
let parts = #filePath.split(separator: "/")
let scout = String(parts[parts.count - 4]).lowercased()

let package = Package(
    name: "PublicAPIProbe",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "PublicAPIProbe", dependencies: [.product(name: "Scout", package: scout)]),
    ]
)
