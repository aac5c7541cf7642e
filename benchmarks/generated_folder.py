"""What the benchmark generators share: writing files, digests and the plain manifests (ConfigMaps,
Services, Deployments) that fill a generated deploy folder beside its models."""
import hashlib
import os


def digest(text):
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def write(folder, path, text):
    full = os.path.join(folder, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as handle:
        handle.write(text)


def record(model, version, auc):
    """A ModelVersion record with its artifact, code, data digests and metrics."""
    return f"""apiVersion: mooring.dev/v1
kind: ModelVersion
metadata:
  name: {model}-{version}
spec:
  model: {model}
  version: "{version}"
  artifact:
    uri: s3://models/{model}/{version}/
    digest: {digest(model + version)}
  code: {{repo: "https://git.example.com/ml/{model}.git", commit: "{digest(model)[7:17]}"}}
  data:
    - {{role: training, name: {model}-train, digest: {digest(model + 'train')}}}
    - {{role: evaluation, name: {model}-eval, digest: {digest(model + 'eval')}}}
  hyperparameters: {{max_depth: 6, n_estimators: 400, learning_rate: 0.05}}
  metrics: {{auc: {auc}, error_rate: 0.04}}
"""


def plain(kind, name, namespace):
    """A ConfigMap, Service or Deployment named `name` in `namespace`."""
    if kind == "ConfigMap":
        return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: {namespace}
  labels: {{team: platform, tier: backend}}
data:
  LOG_LEVEL: info
  TIMEOUT_SECONDS: "5"
  FEATURE_FLAGS: "a,b,c"
"""
    if kind == "Service":
        return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {namespace}
spec:
  selector: {{app: {name}}}
  ports:
    - {{name: http, port: 80, targetPort: 8080}}
"""
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {namespace}
  labels: {{app: {name}}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/{name}:1.0
          ports: [{{containerPort: 8080}}]
          env:
            - {{name: MODE, value: production}}
          resources: {{limits: {{cpu: 500m, memory: 512Mi}}}}
"""
