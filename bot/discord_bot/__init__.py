"""The Discord front end: a `commands.Bot` over the engine, one cog per feature.

Nothing here scores strings or reads the fact base's matching internals; it asks
the engine (`Engine.ask`, `answer_topic`, `complete_*`) and renders the answer.
"""
