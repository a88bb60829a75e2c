"""Many articles at once: results files, resume, endpoints, Ray and the Batch API."""
