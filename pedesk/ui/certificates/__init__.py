"""The Certificates section: issuing, printing on blank forms with calibration, the issue book, annulment, reissue and duplicates (п.29, 32)."""
