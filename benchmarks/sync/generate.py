#!/usr/bin/env python3
"""Writes a deploy folder that renders to exactly COUNT cluster objects, for the sync benchmark:
eight Namespaces, one model per 50 objects (alternating kserve → one InferenceService and
deployment → a Deployment and a Service, each with two ModelVersion records), the rest plain
ConfigMaps, Services and Deployments, some files holding four documents.
Usage: generate.py COUNT FOLDER
       generate.py --bump FOLDER   (flips model-1's stable version between "1" and "2")"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from generated_folder import plain, record, write  # noqa: E402

NAMESPACES = 8


def model_deployment(model, index):
    kserve = index % 2 == 0
    serving = "  format: sklearn\n  runtime: kserve-sklearnserver\n" if kserve else "  image: ghcr.io/acme/server:1.4\n"
    return f"""apiVersion: mooring.dev/v1
kind: ModelDeployment
metadata:
  name: {model}
  namespace: ml-{index % NAMESPACES}
spec:
  target: {"kserve" if kserve else "deployment"}
{serving}  stable: "1"
  replicas: {{min: 2, max: 4}}
  resources: {{limits: {{cpu: "2", memory: 4Gi}}}}
  gates:
    - {{metric: auc, min: 0.90}}
    - {{metric: error_rate, max: 0.05}}
"""


def generate(count, folder):
    namespaces = "---\n".join(
        f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ml-{index}\n" for index in range(NAMESPACES)
    )
    write(folder, "cluster/namespaces.yaml", namespaces)
    models = max(2, count // 50)
    for index in range(models):
        model = f"model-{index}"
        write(folder, f"models/{model}/deployment.yaml", model_deployment(model, index))
        write(folder, f"models/{model}/versions/1.yaml", record(model, "1", 0.91))
        write(folder, f"models/{model}/versions/2.yaml", record(model, "2", 0.92))
    rendered = sum(1 if index % 2 == 0 else 2 for index in range(models))
    kinds = ["ConfigMap", "Service", "Deployment"]
    batch = []
    for index in range(count - NAMESPACES - rendered):
        batch.append(plain(kinds[index % 3], f"app-{index}", f"ml-{index % NAMESPACES}"))
        # Every fourth file holds four documents.
        if index % 16 >= 12 and len(batch) < 4:
            continue
        write(folder, f"cluster/{index // 500}/app-{index}.yaml", "---\n".join(batch))
        batch = []
    if batch:
        write(folder, "cluster/rest.yaml", "---\n".join(batch))


def bump(folder):
    path = os.path.join(folder, "models/model-1/deployment.yaml")
    text = open(path).read()
    flipped = re.sub(r'stable: "(\d)"', lambda match: 'stable: "%s"' % ("2" if match[1] == "1" else "1"), text)
    with open(path, "w") as handle:
        handle.write(flipped)


if sys.argv[1] == "--bump":
    bump(sys.argv[2])
else:
    generate(int(sys.argv[1]), sys.argv[2])
