"""Stand-in for boto3 in the ingestion handler test: records each call as one JSON line on stderr."""
import json
import sys


class _Client:
    def __init__(self, service):
        self.service = service

    def start_ingestion_job(self, **arguments):
        print(json.dumps({"service": self.service, "call": "start_ingestion_job", "arguments": arguments}), file=sys.stderr)
        return {"ingestionJob": {"ingestionJobId": "job-1"}}

    def start_data_source_sync_job(self, **arguments):
        print(json.dumps({"service": self.service, "call": "start_data_source_sync_job", "arguments": arguments}), file=sys.stderr)
        return {"ExecutionId": "execution-1"}


def client(service):
    return _Client(service)
