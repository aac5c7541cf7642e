import Foundation
import Testing

@testable import Analysis

@Suite("Prometheus query answers")
struct PrometheusAnswerTests {
    func measure(_ json: String) throws(AnalysisError) -> Reading {
        try PrometheusAnswer.measurement(from: Data(json.utf8), status: 200, what: "check error-rate")
    }

    @Test("a vector with one sample gives its value; a scalar too")
    func oneValue() throws {
        #expect(
            try measure(
                #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1.5,"0.01"]}]}}"#
            )
                == .value(0.01)
        )
        #expect(try measure(#"{"status":"success","data":{"resultType":"scalar","result":[1.5,"3"]}}"#) == .value(3))
    }

    @Test("an empty vector is no data, not zero")
    func empty() throws {
        let measurement = try measure(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#)
        #expect(measurement.value == nil)
    }

    @Test("NaN is no data; infinities are values")
    func specialValues() throws {
        let nan = try measure(
            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}"#
        )
        #expect(nan.value == nil)
        let inf = try measure(#"{"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}}"#)
        #expect(inf == .value(.infinity))
    }

    @Test("several series are an error that says so")
    func severalSeries() {
        let json =
            #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}"#
        #expect {
            try measure(json)
        } throws: { error in
            (error as? AnalysisError)?.code == .severalSeries
                && (error as? AnalysisError)?.message.contains("returned 2 series") == true
        }
    }

    @Test("an error answer names Prometheus' reason; a matrix is refused")
    func errors() {
        #expect {
            try PrometheusAnswer.measurement(
                from: Data(#"{"status":"error","errorType":"bad_data","error":"parse error at char 4"}"#.utf8),
                status: 400,
                what: "check x"
            )
        } throws: { error in
            (error as? AnalysisError)?.message == "Prometheus refused check x (bad_data): parse error at char 4"
        }
        #expect(throws: AnalysisError.self) {
            try measure(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
        }
        #expect(throws: AnalysisError.self) { try measure("<html>") }
    }
}
