/// A task decodes from the guide's JSON object with any `Decoder` (Foundation's
/// `JSONDecoder` among them), with the same checks as ``TaskList``.
///
/// ```swift
/// let tasks = try JSONDecoder().decode([BatchTask].self, from: data)
/// ```
extension BatchTask: Decodable {
    public init(from decoder: any Decoder) throws {
        let value = try Value(from: decoder)
        let index = decoder.codingPath.last?.intValue ?? 0
        do {
            self = try TaskList.task(from: value, index: index, file: "<decoded>")
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}
