import json
def ref(n): return {"$ref": "#/components/schemas/"+n}
def q(name, desc, typ="string", **kw):
    s={"type":typ}; s.update(kw)
    return {"name":name,"in":"query","required":False,"description":desc,"schema":s}
def pth(name, desc): return {"name":name,"in":"path","required":True,"description":desc,"schema":{"type":"string"}}
page=[q("page","1-based page number (capped at 10000)","integer",minimum=1,default=1),
      q("limit","items per page (capped at 100)","integer",minimum=1,maximum=100,default=20)]
date={"type":"string","pattern":"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
def ok(schema, desc="OK", ct="application/json"):
    return {"200":{"description":desc,"content":{ct:{"schema":schema}}}}
def errs(*codes):
    d={"400":"invalid parameters","403":"disabled (start with --allow-ingest)","404":"not found","413":"request body larger than 2 MB","414":"query string longer than 2048 bytes","415":"unsupported content type"}
    return {str(c):{"description":d[str(c)],"content":{"application/json":{"schema":ref("Error")}}} for c in codes}
def op(summary, params, responses, **kw):
    o={"summary":summary,"parameters":params,"responses":responses}; o.update(kw); return o
S=lambda props, req=None, **kw: dict({"type":"object","properties":props,"required":req or list(props)},**kw)
st={"type":"string"}; nst={"type":["string","null"]}; it={"type":"integer"}; bo={"type":"boolean"}
def arr(x): return {"type":"array","items":x}
span_props={"start":it,"end":it,"text":st}
schemas={
 "Error":S({"error":st,"status":it}),
 "Snippet":S({"text":st,"highlights":arr({"type":"array","items":it,"minItems":2,"maxItems":2})},description="Plain text; highlights are [start,end) code-point offsets into text"),
 "SearchHit":S({"id":st,"title":nst,"published":nst,"source":st,"score":{"type":"number"},"snippet":ref("Snippet")}),
 "FacetCount":S({"value":st,"label":st,"label_en":st,"type":st,"count":it},["value","label","count"]),
 "Facets":S({"entities":arr(ref("FacetCount")),"types":arr(ref("FacetCount")),"sources":arr(ref("FacetCount")),"months":arr(ref("FacetCount"))}),
 "SearchResults":S({"query":st,"total":it,"page":it,"limit":it,"hits":arr(ref("SearchHit")),"facets":ref("Facets")}),
 "Geo":S({"lat":{"type":"number"},"lon":{"type":"number"}}),
 "EntityRef":S({"id":st,"type":st,"name_ar":st,"name_en":st,"count":it}),
 "EntityProfile":S({"id":st,"type":{"type":"string","enum":["PERSON","ORG","GPE","LOC","FAC"]},"name_ar":st,"name_en":st,"roles":arr(st),"geo":{"oneOf":[ref("Geo"),{"type":"null"}]},"known":bo,"articles":it,"mentions":it,"aliases":arr(st),"related":arr(ref("EntityRef"))}),
 "QuoteHit":S({"article":st,"title":nst,"published":nst,"speaker":nst,"speaker_name":nst,"speaker_name_en":nst,"kind":{"type":"string","enum":["direct","indirect"]},"cue":st,"text":st}),
 "EventHit":S({"article":st,"title":nst,"published":nst,"date":nst,"type":st,"mode":nst,"actor":nst,"actor_name":nst,"target":nst,"target_name":nst,"location":nst,"location_name":nst,"negated":bo,"hypothetical":bo,"trigger":st,"sentence":nst,"articles":it}),
 "QuotePage":S({"total":it,"page":it,"limit":it,"more":bo,"items":arr(ref("QuoteHit"))},description="total counts matches up to 500 past the page; more tells whether another page exists"),
 "EventPage":S({"total":it,"page":it,"limit":it,"more":bo,"items":arr(ref("EventHit"))},description="total counts matches up to 500 past the page; more tells whether another page exists"),
 "TimelinePoint":S({"date":st,"articles":it,"mentions":it,"events":it}),
 "Timeline":S({"entity":nst,"points":arr(ref("TimelinePoint"))}),
 "GraphNode":S({"id":st,"type":st,"name_ar":st,"name_en":st,"articles":it}),
 "GraphEdge":S({"source":st,"target":st,"weight":it}),
 "Graph":S({"nodes":arr(ref("GraphNode")),"edges":arr(ref("GraphEdge"))}),
 "PlaceFeature":S({"type":{"const":"Feature"},"id":st,"geometry":S({"type":{"const":"Point"},"coordinates":arr({"type":"number"})}),
    "properties":S({"id":st,"type":st,"name_ar":st,"name_en":st,"mentions":it,"articles":it})}),
 "PlaceCollection":S({"type":{"const":"FeatureCollection"},"features":arr(ref("PlaceFeature"))}),
 "AnalyzeRequest":S({"text":st,"published":dict(date),"title":st,"id":st,"source":st},["text"]),
 "Mention":S({"start":it,"end":it,"text":st,"kind":{"type":"string","enum":["name","title","nisba","pronoun"]}}),
 "Entity":S({"id":st,"type":{"type":"string","enum":["PERSON","ORG","GPE","LOC","FAC"]},"name_ar":st,"name_en":st,"roles":arr(st),"geo":{"oneOf":[ref("Geo"),{"type":"null"}]},"known":bo,"mentions":arr(ref("Mention"))}),
 "Quote":S({"speaker":nst,"speaker_text":nst,"kind":{"type":"string","enum":["direct","indirect"]},"cue":st,"start":it,"end":it,"text":st},["speaker","speaker_text","kind","cue","start","end","text"]),
 "Time":S({"start":it,"end":it,"text":st,"type":{"type":"string","enum":["DATE","DURATION","SET","TIME"]},"value":st,"anchored":bo},["start","end","text","type","value","anchored"]),
 "Quantity":S({"start":it,"end":it,"text":st,"value":{"type":"number"},"unit":nst,"about":nst}),
 "Event":S({"type":{"type":"string","enum":"AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()},
    "mode":nst,"cameo":st,"actor":nst,"target":nst,"location":nst,"date":nst,"negated":bo,"hypothetical":bo,"trigger":S(span_props),"sentence":it},
    ["type","mode","actor","target","location","date","negated","hypothetical","trigger","sentence"]),
 "Document":S({"schema":{"type":"string","const":"marsad.document/1"},"id":st,"source":st,"title":nst,"published":nst,"language":st,"text":st,
    "sentences":arr(S({"start":it,"end":it})),"entities":arr(ref("Entity")),"quotes":arr(ref("Quote")),"times":arr(ref("Time")),"quantities":arr(ref("Quantity")),"events":arr(ref("Event"))},
    description="marsad.document/1: every start/end is a character (code point) offset into text, end exclusive"),
 "IngestResult":S({"ingested":it,"ids":arr(st)}),
}
paths={
 "/search":{"get":op("Full-text search with facets (facets are counted over the best 40 hits)",[q("q","words to search (at most 256 characters); empty lists every article"),q("entity","only articles mentioning this entity id"),q("type","entity type (PERSON, ORG, GPE, LOC, FAC) or event type (ASSAULT, CONSULT, ...)"),q("source","only this source"),dict(q("from","published on or after"),schema=date),dict(q("to","published on or before"),schema=date)]+page,dict(ok(ref("SearchResults")),**errs(400,414)))},
 "/articles/{id}":{"get":op("One article's analysis",[pth("id","article id (the id of the ingested JSONL line)")],dict(ok(ref("Document")),**errs(404)))},
 "/entities/{id}":{"get":op("An entity's profile across the corpus",[pth("id","entity id, e.g. gpe:syria")],dict(ok(ref("EntityProfile")),**errs(404)))},
 "/quotes":{"get":op("Quotes, newest first",[q("speaker","speaker entity id")]+page,dict(ok(ref("QuotePage")),**errs(400)))},
 "/events":{"get":op("Events (merged across articles), oldest first",[q("type","PLOVER event type"),q("actor","actor entity id"),dict(q("from","dated on or after"),schema=date),dict(q("to","dated on or before"),schema=date)]+page,dict(ok(ref("EventPage")),**errs(400)))},
 "/timeline":{"get":op("Articles, mentions and events per day",[q("entity","entity id; without it, the whole corpus")],dict(ok(ref("Timeline")),**errs(400)))},
 "/graph":{"get":op("Entity co-occurrence graph",[q("entity","centre entity id; without it, the most mentioned entities"),q("limit","most nodes (capped at 60)","integer",minimum=1,maximum=60,default=30)],dict(ok(ref("Graph")),**errs(400)))},
 "/places.geojson":{"get":op("Places with positions and mention counts",[],ok(ref("PlaceCollection"),ct="application/geo+json"))},
 "/analyze":{"post":op("Analyse a text without storing it",[],dict(ok(ref("Document")),**errs(400,413,415)),
    requestBody={"required":True,"content":{"application/json":{"schema":ref("AnalyzeRequest")},"text/plain":{"schema":st}}})},
 "/ingest":{"post":op("Analyse and store articles (only with --allow-ingest)",[],dict(ok(ref("IngestResult")),**errs(400,403,413,415)),
    requestBody={"required":True,"content":{"application/json":{"schema":ref("AnalyzeRequest")},"application/x-ndjson":{"schema":st,"description":"one AnalyzeRequest per line"},"text/plain":{"schema":st}}})},
 "/openapi.json":{"get":op("This document",[],ok({"type":"object"}))},
}
doc={"openapi":"3.1.0","info":{"title":"marsad API","version":"1","description":"Search and browse an Arabic news corpus analysed by marsad. All offsets are Unicode code points. Errors are {\"error\": message, \"status\": code}."},
 "servers":[{"url":"/api"}],"paths":paths,"components":{"schemas":schemas}}
print(json.dumps(doc,indent=1,ensure_ascii=False))
