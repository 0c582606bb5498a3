"""The only MkDocs code: the plugin adapter, the atomic site build and the export."""
