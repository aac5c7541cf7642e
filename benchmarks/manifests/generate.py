#!/usr/bin/env python3
"""Writes a deploy folder of N resources for the Manifests benchmark: one model in ten documents
(a ModelDeployment and its two ModelVersion records, alternating kserve and deployment targets with
canaries), the rest plain manifests (ConfigMaps, Deployments, Services), some files holding several
documents. Usage: generate.py COUNT FOLDER"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import generated_folder  # noqa: E402
from generated_folder import plain, record  # noqa: E402

count, folder = int(sys.argv[1]), sys.argv[2]


def write(path, text):
    generated_folder.write(folder, path, text)


def deployment(model, index):
    target = "kserve" if index % 2 == 0 else "deployment"
    serving = "  format: sklearn\n  runtime: kserve-sklearnserver\n" if target == "kserve" else "  image: ghcr.io/acme/server:1.4\n"
    return f"""apiVersion: mooring.dev/v1
kind: ModelDeployment
metadata:
  name: {model}
  namespace: ml-{index % 8}
spec:
  target: {target}
{serving}  stable: "1"
  canary: {{version: "2", traffic: 10}}
  replicas: {{min: 4, max: 8}}
  resources: {{limits: {{cpu: "2", memory: 4Gi}}}}
  gates:
    - {{metric: auc, min: 0.90}}
    - {{metric: error_rate, max: 0.05}}
    - {{metric: auc, minDeltaVsStable: 0.0}}
"""


models = count // 10
for index in range(models):
    model = f"model-{index}"
    write(f"models/{model}/deployment.yaml", deployment(model, index))
    write(f"models/{model}/versions/1.yaml", record(model, "1", 0.92))
    write(f"models/{model}/versions/2.yaml", record(model, "2", 0.93))
kinds = ["ConfigMap", "Service", "Deployment"]
remaining = count - models * 3
batch = []
for index in range(remaining):
    batch.append(plain(kinds[index % 3], f"app-{index}", f"ml-{index % 8}"))
    # Every fourth file holds four documents.
    if index % 16 >= 12 and len(batch) < 4:
        continue
    write(f"cluster/{index // 500}/app-{index}.yaml", "---\n".join(batch))
    batch = []
if batch:
    write("cluster/rest.yaml", "---\n".join(batch))
