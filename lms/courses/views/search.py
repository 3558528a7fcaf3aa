from django.core.paginator import Paginator
from django.shortcuts import render

from ..search import search_pages


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = search_pages(query) if query else []
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "courses/search.html", {"query": query, "results": page})
