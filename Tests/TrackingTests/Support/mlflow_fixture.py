"""Logs the MLflow runs that TrackingTests record from, through MLflow's own client.

Usage: python3 mlflow_fixture.py TRACKING_URI OUTPUT_JSON
Writes {"run": RUN_ID, "registered": {"name": ..., "version": ..., "run": ...}, "bare": RUN_ID, "remote": {...}}
to OUTPUT_JSON.
"""

import json
import sys

import mlflow
import mlflow.data
import pandas as pd
from mlflow.pyfunc import PythonModel


class Threshold(PythonModel):
    """A tiny model: enough for MLflow to log and register real model files."""

    def predict(self, context, model_input, params=None):
        return (model_input["amount"] > 100).astype(int)


def log_run(experiment, auc, registered_name=None):
    training = pd.DataFrame({"amount": [10.0, 250.0, 40.0], "label": [0, 1, 0]})
    holdout = pd.DataFrame({"amount": [300.0, 5.0], "label": [1, 0]})
    with mlflow.start_run(experiment_id=experiment) as run:
        mlflow.log_params({"max_depth": 6, "learning_rate": 0.05, "algorithm": "gradient_boosting"})
        mlflow.log_metric("auc", 0.88, step=0)
        mlflow.log_metric("auc", auc, step=1)
        mlflow.log_metric("false_positive_rate", 0.04)
        mlflow.set_tags(
            {
                "mlflow.source.git.commit": "3f2c9e1a7b5d",
                "mlflow.source.git.repoURL": "https://git.example.com/ml/fraud-detector.git",
            }
        )
        mlflow.log_input(
            mlflow.data.from_pandas(training, name="card-transactions-2026-04", digest="0123abcd"), context="training"
        )
        mlflow.log_input(mlflow.data.from_pandas(holdout, name="card-transactions-holdout-2026-04"), context="evaluation")
        # Requirements named, so MLflow does not start a Python process to load the model and infer them.
        mlflow.pyfunc.log_model(
            name="model",
            python_model=Threshold(),
            registered_model_name=registered_name,
            pip_requirements=["mlflow", "pandas"],
        )
        return run.info.run_id


def main():
    uri, output = sys.argv[1], sys.argv[2]
    mlflow.set_tracking_uri(uri)
    experiment = mlflow.create_experiment("mooring-record")
    run = log_run(experiment, 0.93)
    registered_run = log_run(experiment, 0.95, registered_name="fraud-detector")
    client = mlflow.MlflowClient()
    registered = client.search_model_versions("name='fraud-detector'")[0]
    # A version registered from remote storage, of which Mooring can compute no digest.
    client.create_registered_model("fraud-detector-remote")
    remote = client.create_model_version("fraud-detector-remote", "s3://acme-models/fraud-detector/15/", run_id=run)
    with mlflow.start_run(experiment_id=experiment) as bare:
        mlflow.log_metric("auc", 0.5)
    with open(output, "w") as handle:
        json.dump(
            {
                "run": run,
                "registered": {"name": registered.name, "version": registered.version, "run": registered_run},
                "bare": bare.info.run_id,
                "remote": {"name": remote.name, "version": remote.version, "run": run},
            },
            handle,
        )


if __name__ == "__main__":
    main()
