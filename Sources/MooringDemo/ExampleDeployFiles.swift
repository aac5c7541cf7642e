// Generated from deploy-manifests/ by DemoCommandTests: do not edit. After changing that folder, build and run
// MOORING_UPDATE_EXPECTED=1 swift test --skip-build --filter DemoCommandTests to write this file again.

/// The repository's example deploy folder (`deploy-manifests/`), built into `mooring demo` so that it needs no
/// checkout: each file's path inside the folder and its contents, sorted by path.
enum ExampleDeployFiles {
    static let files: [(path: String, contents: String)] = [
        (
            path: "cluster/model-serving-config.yaml",
            contents: #"""
            # Settings shared by the serving containers of every model in ml-prod.
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: model-serving-config
              namespace: ml-prod
              labels:
                team: ml-platform
            data:
              LOG_LEVEL: info
              REQUEST_TIMEOUT_SECONDS: "5"
              PREDICTION_LOG_SAMPLE_RATE: "0.05"

            """#
        ),
        (
            path: "cluster/namespace.yaml",
            contents: #"""
            # The namespace the models serve from.
            apiVersion: v1
            kind: Namespace
            metadata:
              name: ml-prod
              labels:
                team: ml-platform
                pod-security.kubernetes.io/enforce: baseline

            """#
        ),
        (
            path: "models/churn-predictor/deployment.yaml",
            contents: #"""
            # churn-predictor runs as a plain Deployment and Service with our own serving image.
            apiVersion: mooring.dev/v1
            kind: ModelDeployment
            metadata:
              name: churn-predictor
              namespace: ml-prod
              labels:
                team: customer-analytics
            spec:
              target: deployment
              format: xgboost
              image: ghcr.io/acme/xgboost-server:2.1.3
              stable: "7"
              replicas:
                min: 3
                max: 3
              resources:
                requests: {cpu: 500m, memory: 1Gi}
                limits: {cpu: "1", memory: 2Gi, nvidia.com/gpu: "1"}
              gates:
                - {metric: f1, min: 0.70}
                - {metric: p95_latency_ms, max: 120}

            """#
        ),
        (
            path: "models/churn-predictor/versions/6.yaml",
            contents: #"""
            apiVersion: mooring.dev/v1
            kind: ModelVersion
            metadata:
              name: churn-predictor-6
            spec:
              model: churn-predictor
              version: "6"
              artifact:
                uri: gs://acme-ml-artifacts/churn-predictor/v6/model.bst
                digest: sha256:bffa6eb4928f85d5a38112c16567e28d85934b743dcbc286fddc84fa50725f24
              code:
                repo: https://git.example.com/ml/churn.git
                commit: "c18e5f2d90"
              data:
                - {role: training, name: subscriptions-2026-03, digest: sha256:0baa356f8dea4311e35d84a5e2f79bc3c59f2acf866f97df8dd7ffbe3fbfc163}
                - {role: evaluation, name: subscriptions-holdout-2026-03, digest: sha256:ebf7c1530cfff49cdc8a38c1dccb273311e4f450d9e99fd617d4adeed6fdbbca}
              hyperparameters:
                objective: "binary:logistic"
                max_depth: 8
                eta: 0.1
                num_boost_round: 350
                subsample: 0.8
              metrics:
                f1: 0.71
                auc: 0.86
                p95_latency_ms: 104

            """#
        ),
        (
            path: "models/churn-predictor/versions/7.yaml",
            contents: #"""
            apiVersion: mooring.dev/v1
            kind: ModelVersion
            metadata:
              name: churn-predictor-7
            spec:
              model: churn-predictor
              version: "7"
              artifact:
                uri: gs://acme-ml-artifacts/churn-predictor/v7/model.bst
                digest: sha256:11d66d099ccc8f05a2db58d0c79b17ea49bf6fb98f25e15b668acba4a58d8f62
              code:
                repo: https://git.example.com/ml/churn.git
                commit: "e7a3b6904f"
              data:
                - {role: training, name: subscriptions-2026-05, digest: sha256:9e4949ed17fe123e204e87c8dc3c7c598b86e4dec5cb0b220825ff25180af363}
                - {role: evaluation, name: subscriptions-holdout-2026-05, digest: sha256:7875dc42cbb29d16abafddac6efd1ce6d840291371532b27dae0bdee9ccb819b}
              hyperparameters:
                objective: "binary:logistic"
                max_depth: 8
                eta: 0.1
                num_boost_round: 350
                subsample: 0.8
              metrics:
                f1: 0.74
                auc: 0.88
                p95_latency_ms: 97

            """#
        ),
        (
            path: "models/fraud-detector/deployment.yaml",
            contents: #"""
            # What serves fraud-detector. Change stable or canary by pull request; gates guard every version.
            apiVersion: mooring.dev/v1
            kind: ModelDeployment
            metadata:
              name: fraud-detector
              namespace: ml-prod
              labels:
                team: payments-risk
            spec:
              target: kserve
              format: sklearn
              runtime: kserve-sklearnserver
              stable: "12"
              canary:
                version: "13"
                traffic: 10
              replicas:
                min: 2
                max: 6
              resources:
                requests: {cpu: "1", memory: 2Gi}
                limits: {cpu: "2", memory: 4Gi}
              gates:
                - {metric: auc, min: 0.90}
                - {metric: false_positive_rate, max: 0.05}
                - {metric: auc, minDeltaVsStable: 0.0}   # a canary may not be worse than stable
              drift: alert

            """#
        ),
        (
            path: "models/fraud-detector/versions/12.yaml",
            contents: #"""
            # Immutable once merged: a new model is a new version.
            apiVersion: mooring.dev/v1
            kind: ModelVersion
            metadata:
              name: fraud-detector-12
            spec:
              model: fraud-detector
              version: "12"
              artifact:
                uri: s3://acme-models/fraud-detector/12/
                digest: sha256:bf1102b44d53f9228621ada6f55cc3994d69bf95219b230e155411eea9116acf
              code:
                repo: https://git.example.com/ml/fraud-detector.git
                commit: "3f2c9e1a7b"
              data:
                - {role: training, name: card-transactions-2026-04, digest: sha256:246ea32fbc0e041e184e83408a48334b45d139cba1516dd66e35be3928e604f3}
                - {role: evaluation, name: card-transactions-holdout-2026-04, digest: sha256:73965ca9b175acfba7205cabc87d2e7dfe82fadb797cc47248f5fe8d49e2f658}
              hyperparameters:
                algorithm: gradient_boosting
                max_depth: 6
                n_estimators: 400
                learning_rate: 0.05
                class_weight: balanced
              metrics:
                auc: 0.931
                false_positive_rate: 0.041
                precision_at_1pct: 0.62
                recall: 0.81

            """#
        ),
        (
            path: "models/fraud-detector/versions/13.yaml",
            contents: #"""
            # Immutable once merged: a new model is a new version.
            apiVersion: mooring.dev/v1
            kind: ModelVersion
            metadata:
              name: fraud-detector-13
            spec:
              model: fraud-detector
              version: "13"
              artifact:
                uri: s3://acme-models/fraud-detector/13/
                digest: sha256:77b9bcfcd927b8537d50a766d7b50da74fd0a6b02ca8e622e4a0e26d40202571
              code:
                repo: https://git.example.com/ml/fraud-detector.git
                commit: "9b41d07c2e"
              data:
                - {role: training, name: card-transactions-2026-05, digest: sha256:6511a4f0cbf81e88ad7204fc3381f16e7bf690669e7b5ae35c476e5e80f986ad}
                - {role: evaluation, name: card-transactions-holdout-2026-05, digest: sha256:587a6ee97844eab14873abec430df26e6850b54c0abca86cf4b26bdcec772554}
              hyperparameters:
                algorithm: gradient_boosting
                max_depth: 7
                n_estimators: 500
                learning_rate: 0.05
                class_weight: balanced
              metrics:
                auc: 0.937
                false_positive_rate: 0.038
                precision_at_1pct: 0.65
                recall: 0.83

            """#
        ),
    ]
}
