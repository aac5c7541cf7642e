/// KServe's InferenceService CRD (`serving.kserve.io/v1beta1`), reduced to the fields model deployments use,
/// with `x-kubernetes-preserve-unknown-fields` where KServe's own CRD has it.
enum KServeCRD {
    static let yaml = #"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: inferenceservices.serving.kserve.io
          annotations:
            controller-gen.kubebuilder.io/version: v0.16.2
        spec:
          group: serving.kserve.io
          names:
            kind: InferenceService
            listKind: InferenceServiceList
            plural: inferenceservices
            shortNames: [isvc]
            singular: inferenceservice
          scope: Namespaced
          versions:
          - name: v1beta1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - {jsonPath: .status.url, name: URL, type: string}
            - {jsonPath: ".status.conditions[?(@.type=='Ready')].status", name: Ready, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  apiVersion: {type: string}
                  kind: {type: string}
                  metadata: {type: object}
                  spec:
                    type: object
                    required: [predictor]
                    properties:
                      predictor:
                        type: object
                        properties:
                          model:
                            type: object
                            properties:
                              modelFormat:
                                type: object
                                required: [name]
                                properties:
                                  name: {type: string}
                                  version: {type: string}
                              runtime: {type: string}
                              storageUri: {type: string}
                              protocolVersion: {type: string}
                              runtimeVersion: {type: string}
                              image: {type: string}
                              name: {type: string}
                              args: {type: array, items: {type: string}}
                              command: {type: array, items: {type: string}}
                              env:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [name]
                                items:
                                  type: object
                                  required: [name]
                                  x-kubernetes-preserve-unknown-fields: true
                                  properties:
                                    name: {type: string}
                                    value: {type: string}
                              ports:
                                type: array
                                items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              resources:
                                type: object
                                properties:
                                  limits:
                                    type: object
                                    additionalProperties: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                                  requests:
                                    type: object
                                    additionalProperties: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                                  claims:
                                    type: array
                                    items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              readinessProbe: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              livenessProbe: {type: object, x-kubernetes-preserve-unknown-fields: true}
                              volumeMounts:
                                type: array
                                items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          minReplicas: {type: integer, format: int32}
                          maxReplicas: {type: integer, format: int32}
                          canaryTrafficPercent: {type: integer, format: int64}
                          scaleMetric: {type: string}
                          scaleMetricType: {type: string}
                          scaleTarget: {type: integer, format: int32}
                          containerConcurrency: {type: integer, format: int64}
                          timeout: {type: integer, format: int64}
                          serviceAccountName: {type: string}
                          deploymentStrategy: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          labels: {type: object, additionalProperties: {type: string}}
                          annotations: {type: object, additionalProperties: {type: string}}
                          nodeSelector: {type: object, additionalProperties: {type: string}}
                          tolerations:
                            type: array
                            items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          affinity: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          imagePullSecrets:
                            type: array
                            items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          containers:
                            type: array
                            items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          volumes:
                            type: array
                            items: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          sklearn: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          xgboost: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          pytorch: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          tensorflow: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          onnx: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          triton: {type: object, x-kubernetes-preserve-unknown-fields: true}
                          huggingface: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      transformer: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      explainer: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      observedGeneration: {type: integer, format: int64}
                      url: {type: string}
                      address: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      components: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      modelStatus: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      conditions:
                        type: array
                        items:
                          type: object
                          required: [status, type]
                          properties:
                            lastTransitionTime: {type: string, format: date-time}
                            message: {type: string}
                            reason: {type: string}
                            severity: {type: string}
                            status: {type: string}
                            type: {type: string}
        """#
}
