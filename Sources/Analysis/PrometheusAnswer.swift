import Foundation

/// The body of a Prometheus instant query (`/api/v1/query`) reduced to one value.
///
/// A scalar, or a vector with one sample, gives its value; an empty vector is no data (not zero); a vector with
/// several series is an error that says how many, since a check compares one number with its bounds. Values come as
/// strings and may be `NaN` (no data: a ratio over no requests is 0/0), `+Inf` or `-Inf` (compared with the bounds
/// like any number).
enum PrometheusAnswer {
    private struct Body: Decodable {
        var status: String
        var error: String?
        var errorType: String?
        var data: Payload?
    }

    private struct Payload: Decodable {
        var resultType: String
        var result: Result
    }

    private enum Result: Decodable {
        case samples([Sample])
        case pair(SampleValue)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let samples = try? container.decode([Sample].self) {
                self = .samples(samples)
            } else {
                self = .pair(try container.decode(SampleValue.self))
            }
        }
    }

    private struct Sample: Decodable {
        var metric: [String: String]?
        var value: SampleValue?
    }

    /// `[unixTime, "value"]`
    private struct SampleValue: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            _ = try container.decode(Double.self)
            text = try container.decode(String.self)
        }
    }

    /// The measurement in `body`, or an error naming `what` (the check) when the answer cannot be one value.
    static func measurement(from body: Data, status: Int, what: String) throws(AnalysisError) -> Reading {
        guard let decoded = try? JSONDecoder().decode(Body.self, from: body) else {
            throw AnalysisError(.server, "Prometheus answered \(what) with HTTP \(status) and no query result")
        }
        guard decoded.status == "success", let data = decoded.data else {
            let kind = decoded.errorType.map { " (\($0))" } ?? ""
            let detail = decoded.error.map { ": \($0)" } ?? ""
            throw AnalysisError(.server, "Prometheus refused \(what)\(kind)\(detail)")
        }
        switch (data.resultType, data.result) {
        case ("scalar", .pair(let pair)):
            return measurement(try number(pair.text, what: what))
        case ("vector", .samples(let samples)):
            guard let sample = samples.first else { return .noData(reason: "the query returned no series") }
            guard samples.count == 1 else {
                throw AnalysisError(
                    .severalSeries,
                    "\(what) returned \(samples.count) series where one value is needed: aggregate the query "
                        + "(sum, max, avg …) to one series"
                )
            }
            guard let value = sample.value else {
                throw AnalysisError(.server, "Prometheus answered \(what) with a sample without a value")
            }
            return measurement(try number(value.text, what: what))
        default:
            throw AnalysisError(
                .server,
                "\(what) returned a \(data.resultType) where one value (a scalar or one series) is needed"
            )
        }
    }

    private static func measurement(_ value: Double) -> Reading {
        value.isNaN ? .noData(reason: "the query's value is NaN (a ratio over no requests?)") : .value(value)
    }

    /// Prometheus' text form of a float: a decimal number, `NaN`, `+Inf` or `-Inf`.
    private static func number(_ text: String, what: String) throws(AnalysisError) -> Double {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let value = Double(text) else {
                throw AnalysisError(.server, "Prometheus answered \(what) with \"\(text)\", which is no number")
            }
            return value
        }
    }
}
