print("botapi-bench: not built yet")
