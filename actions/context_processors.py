from actions.rag import RAG


def rag(request):
    """The RAG definitions, which every page that shows a status also explains."""
    return {"rag_statuses": list(RAG)}
