from ninja import NinjaAPI

api = NinjaAPI(title="Наставник API", version="1", urls_namespace="api")
